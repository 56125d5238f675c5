import { IsNumber, Max, Min } from 'class-validator';

const MESSAGE = 'まとめて確定する確からしさは 0.5 から 1 の数で指定してください(例: 0.95)';

/** The confidence from which the reader's proposals are confirmed together. */
export class ReadingSettingsDto {
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: MESSAGE })
  @Min(0.5, { message: MESSAGE })
  @Max(1, { message: MESSAGE })
  confirmThreshold!: number;
}
