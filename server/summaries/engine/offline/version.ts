/** The offline summarizer's model name, apart from its rules so naming it does not load wink-nlp's model. */
export const OFFLINE_MODEL = 'callrecap-offline-1';
/** Version of the rules, stored as the summary's promptVersion so changes show in the data. */
export const OFFLINE_RULES_VERSION = 'offline-rules-21';
