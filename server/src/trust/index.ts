export { TrustGate, ALLOW, DONT_ALLOW, questionText, type TrustQuestion, type TrustGateOptions } from './gate';
export { TrustStore, configDirectory, workspaceKey, TRUST_FILE, USER_CONFIG_FILE, type TrustAnswer } from './store';
export { trustSurface, surfaceHash, isEmptySurface, commandLine, type TrustSurface } from './surface';
