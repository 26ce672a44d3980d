import { logging } from '@angular-devkit/core';

/** What the schematic tells the user: what it did, and what it left for them to add by hand (and why). */
export class Report {
  constructor(private readonly logger: logging.LoggerApi) {}

  /** A change made. */
  done(message: string): void {
    this.logger.info(`ngx-kratos: ${message}`);
  }

  /** Something already there, left as it is. */
  kept(message: string): void {
    this.logger.info(`ngx-kratos: ${message} (already there; left as it is)`);
  }

  /** A file not in the shape this schematic edits: left as it is, with the code to add by hand. */
  byHand(file: string, problem: string, code: string): void {
    const block = code
      .split('\n')
      .map((line) => `    ${line}`)
      .join('\n');
    this.logger.warn(`ngx-kratos: left ${file} as it is: ${problem}. Add by hand:\n${block}`);
  }

  /** A warning with no code to add. */
  warn(message: string): void {
    this.logger.warn(`ngx-kratos: ${message}`);
  }
}
