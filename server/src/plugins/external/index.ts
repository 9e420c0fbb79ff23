export { ExternalLibrary, DEFAULT_TIMEOUT_MS, type ExternalLibraryOptions } from './externalLibrary';
export { encodeValue, decodeCallResult, decodeCheckResult, floatText } from './valueJson';
export { parseJson, jsonText, JsonNumber, JsonSyntaxError, type JsonValue, type JsonObject } from './jsonText';
export { requestLine, callParams, parseResponse, type RpcMethod } from './rpcMessages';
export { LineSplitter, DEFAULT_MAX_LINE_BYTES, type LineSplitterOptions } from './lineSplitter';
