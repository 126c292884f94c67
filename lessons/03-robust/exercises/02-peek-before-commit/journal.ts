/** The journal of this exercise (the test's fixture): a store that refuses one record, every time. */
export class Journal {
  readonly lines: string[] = [];

  /** Appends a line; throws for `Value(41)`, as a disk with one bad sector might. */
  write(line: string): void {
    if (line === 'Value(41)') throw new Error('journal cannot write Value(41)');
    this.lines.push(line);
  }
}
