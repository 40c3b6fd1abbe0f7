import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './output.ts';

type Options = NonNullable<ParseArgsConfig['options']>;
/** Named so the declaration emit of the type-check build can write it down. */
type ParsedFlags<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>>;

/** node:util parseArgs, with its errors turned into usage errors naming the bad flag. */
export function parseFlags<O extends Options>(args: string[], options: O): ParsedFlags<O> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
}
