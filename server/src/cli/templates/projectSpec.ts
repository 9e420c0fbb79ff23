/** `<name>.hie` written by `hielements init` (cli.md §5). */
export function projectSpec(name: string): string {
  return `# Architecture specification of ${name}
#
# Validate it:     hielements check ${name}.hie
# Run the checks:  hielements run ${name}.hie

import files

## The ${name} project.
element ${name} {
    # A scope selects part of the code base; paths are relative to the workspace.
    scope root = files.folder_selector('.')

    # A check is a rule the code must satisfy.
    check files.exists(root, 'README.md')

    # Describe components as nested elements, for example:
    # element backend {
    #     scope src = files.folder_selector('src')
    #     check files.exists(src, 'main.rs')
    # }
}
`;
}
