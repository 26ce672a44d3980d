import { HttpParameterCodec } from '@angular/common/http';

/**
 * Angular's default codec leaves `@ : $ , ; = ? /` unencoded in query values. A `return_to` URL is a value
 * inside our URL, so every reserved character of it is encoded, exactly as `encodeURIComponent` does.
 */
export const strictQueryCodec: HttpParameterCodec = {
  encodeKey: encodeURIComponent,
  encodeValue: encodeURIComponent,
  decodeKey: decodeURIComponent,
  decodeValue: decodeURIComponent,
};
