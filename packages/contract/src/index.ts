export * from './accounts';
export * from './alliance';
export * from './common';
export * from './errors';
export * from './events';
export * from './mail';
export * from './realtime';
export * from './spaces';
