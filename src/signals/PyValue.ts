/** Plain data read from a Python `repr`: tuples and sets become arrays. */
export type PyValue = null | boolean | number | string | PyValue[] | PyDict;

export interface PyDict {
  [key: string]: PyValue;
}

/** Sets `key` as an own property, even `__proto__`, which `obj[key] = v` would not. */
export function setEntry(dict: PyDict, key: string, value: PyValue): void {
  Object.defineProperty(dict, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

export function isPyDict(value: PyValue | undefined): value is PyDict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
