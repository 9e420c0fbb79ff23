/** `USAGE_GUIDE.md` written by `hielements init`: a short quick reference (not normative). */
export const USAGE_GUIDE = `# Hielements quick reference

Hielements describes the architecture of a code base in \`.hie\` files and checks the code
against it.

## Commands

| Command | What it does |
|---|---|
| \`hielements check FILE\` | parse and validate a specification (no checks run) |
| \`hielements run FILE\` | run every check; exit 1 if one fails or errors |
| \`hielements run FILE --dry-run\` | show the elements, scopes and checks without running |
| \`hielements run FILE --format json\` | machine-readable results |
| \`hielements run FILE --filter TEXT --limit N\` | run only some checks |
| \`hielements parse FILE\` | print the syntax tree as JSON |
| \`hielements doc\` | list the libraries, their selectors and checks |

## Syntax

\`\`\`hielements
import files
import rust

## Doc comment of an element
element app {
    scope src = files.folder_selector('src')
    check files.exists(src, 'main.rs')

    element parser {
        scope code = rust.module_selector('parser')
        check rust.struct_exists('Parser')
    }
}
\`\`\`

* \`scope NAME = lib.selector(args)\` binds part of the code base; later checks refer to it by name.
* \`check lib.check(args)\` states a rule; results are PASS, FAIL or ERROR.
* Elements nest with braces or with indentation after a colon (\`element app:\`).
* \`hielements doc\` shows every selector and check with its parameters.

## Plugins

Libraries besides \`files\`, \`rust\` and \`python\` are configured in \`hielements.toml\`
(external processes or WebAssembly modules) and imported by name.
`;
