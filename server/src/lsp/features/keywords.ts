/** Keywords: what hover says about them and where completion offers them (language.md §2.4, §3). */
export const KEYWORD_DOCS: Record<string, string> = {
  element: 'Declares an element: a named part of the architecture with scopes, checks and child elements.',
  pattern: 'Declares a pattern: a reusable blueprint that elements `implements`.',
  template: 'Synonym of `pattern`.',
  implements: 'Lists the patterns an element implements: `element api implements service:`.',
  binds: 'Binds a scope or ref to a pattern placeholder: `scope src binds service.src = …`.',
  scope: 'Declares a scope: a named selection of files, e.g. `scope src = files.folder_selector(\'src\')`.',
  ref: 'Declares a reference (a connection point): `ref api: HttpApi = …`.',
  connection_point: 'Declares a connection point (legacy form of `ref`).',
  uses: 'Declares that this element uses another: `uses src -> other.element`.',
  check: 'A rule checked against the code: `check files.exists(src, \'main.py\')`. It passes, fails, or errors.',
  import: 'Imports a library or file: `import files` / `import \'other.hie\' as other`.',
  from: 'Selective import: `from lib import a, b`.',
  as: 'Alias of an import.',
  true: 'Boolean literal.',
  false: 'Boolean literal.',
  requires: 'Pattern requirement: implementing elements must contain this component.',
  allows: 'Pattern requirement: implementing elements may contain this component.',
  forbids: 'Pattern requirement: implementing elements must not contain this component.',
  descendant: 'Requirement modifier: the component may appear at any depth below the element.',
  connection: 'Requirement component: a connection to another element.',
  to: 'Target of a `connection` requirement.',
  language: 'Declares a language and its connection checks.',
  connection_check: 'Inside a `language` declaration: a check run on connections of that language.',
};

export const TOP_LEVEL_KEYWORDS = ['element', 'pattern', 'template', 'import', 'from', 'language'];
export const ELEMENT_BODY_KEYWORDS = ['scope', 'ref', 'check', 'element', 'uses'];
export const PATTERN_BODY_KEYWORDS = ['scope', 'ref', 'check', 'element', 'requires', 'allows', 'forbids'];
