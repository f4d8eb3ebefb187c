import { ApiProperty } from '@nestjs/swagger';

export class FarmView {
  @ApiProperty({ example: 'farm-hebei' }) id!: string;
  @ApiProperty({ example: '河北有机农场' }) name!: string;
  @ApiProperty({ example: '河北' }) region!: string;
}

export class FarmListView {
  @ApiProperty({ type: [FarmView] }) items!: FarmView[];
}
