import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A vendor event already applied; the primary key is the duplicate filter. */
@Entity('webhook_event')
export class WebhookEvent {
  @PrimaryColumn({ type: 'varchar' }) vendor!: string;
  @PrimaryColumn({ name: 'event_id', type: 'varchar' }) eventId!: string;
  @Column({ type: 'varchar' }) type!: string;
  @Column({ name: 'call_id', type: 'varchar' }) callId!: string;
}
