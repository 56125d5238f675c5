/** One thing wrong with what a person gave: the field at fault and why, in Japanese. */
export interface FieldProblem {
  /** The JSON path of the field, e.g. `fees.review`. */
  field: string;
  /** What is wrong and what is accepted, in Japanese, for the secretariat. */
  message: string;
  /** For an uploaded file: the file and line at fault. */
  file?: string;
  line?: number;
}
