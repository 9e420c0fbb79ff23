export { loadConfig, validateConfigText, configPath, CONFIG_FILE_NAME } from './loadConfig';
export { DEFAULT_EXTERNAL_TIMEOUT_MS, DEFAULT_WASM_TIMEOUT_MS, DEFAULT_WASM_MEMORY_MB } from './entryValidator';
export { locateToml, findPair, findTable, findNode, keyRange, entryRange, type TomlLayout, type TomlPair, type TomlTable, type TomlNode, type Range } from './tomlLocator';
export { LineIndex } from './textPosition';
export { checkWasmFile } from './wasmFile';
export {
  grantFsEdits,
  addEnvEdits,
  removeCapabilityEdits,
  permissionsToCapabilitiesEdits,
  editsForFinding,
  applyEdits,
  type TextEdit,
  type FsGrant,
} from './capabilityEdits';
export { entryNameSpan } from './entryNameSpan';
export { specPatternsOf, type SpecPatterns } from './specKeys';
export { renameEntryEdits, freeEntryName } from './entryRename';
