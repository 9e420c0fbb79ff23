import type { Span } from '../../syntax/span';
import { ConfigReporter } from './reporter';
import { locateToml } from './tomlLocator';

/** Range of a library's name in hielements.toml (`x` in `x = {…}` or `[libraries.x]`); empty span at 0:0 if absent. */
export function entryNameSpan(text: string, library: string): Span {
  return new ConfigReporter(locateToml(text)).keySpan(['libraries', library]);
}
