// class-validator writes its error messages with ValidationUtils, which its index does not
// re-export; the module ships its types under another path: this maps the one to the other.
declare module 'class-validator/cjs/validation/ValidationUtils.js' {
  export { ValidationUtils } from 'class-validator/types/validation/ValidationUtils.js';
}
