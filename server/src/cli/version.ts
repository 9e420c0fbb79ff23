/** `hielements --version` (the reference's version: the language and formats are its 0.1.0). */
export const VERSION = '0.1.0';

/** How the tool names itself in SARIF. */
export const TOOL = { name: 'hielements', version: VERSION, informationUri: 'https://github.com/ercasta/hielements' } as const;
