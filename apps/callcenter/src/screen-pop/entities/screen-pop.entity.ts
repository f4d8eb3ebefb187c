import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** What was shown to one agent for one call; the id is the SSE event id (Last-Event-ID resumes after it). */
@Entity('screen_pop')
export class ScreenPop {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'agent_id', type: 'varchar' }) agentId!: string;
  @Column({ name: 'call_id', type: 'varchar' }) callId!: string;
  @Column({ type: 'mediumtext' }) payload!: string;
  @Column({ name: 'created_at', type: 'datetime', precision: 3, insert: false, update: false })
  createdAt!: Date;
}
