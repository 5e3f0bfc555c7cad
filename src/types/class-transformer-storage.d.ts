// class-transformer ships the types of its metadata storage, but not under the path of the
// module: this maps the one to the other.
declare module 'class-transformer/cjs/storage.js' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage.js';
}
