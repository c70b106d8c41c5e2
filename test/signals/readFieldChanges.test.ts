import { readFieldChanges } from '../../src/signals/readFieldChanges';

describe('readFieldChanges', () => {
  test('reads comma-separated "field: old -> new" changes', () => {
    expect(readFieldChanges('role: CLIENT -> VIP, is_active: True -> False')).toEqual([
      { field: 'role', from: 'CLIENT', to: 'VIP' },
      { field: 'is_active', from: 'True', to: 'False' },
    ]);
  });

  test('reads bare field names as changes without values', () => {
    expect(readFieldChanges('cancellation_streak, updated_at')).toEqual([
      { field: 'cancellation_streak', from: null, to: null },
      { field: 'updated_at', from: null, to: null },
    ]);
  });

  test('keeps commas inside a value and inside brackets with their change', () => {
    expect(
      readFieldChanges(
        "full_name: 'Pérez, Juan' -> 'Pérez, Juana', vip_expires_at: None -> datetime.datetime(2026, 2, 1, 0, 0)",
      ),
    ).toEqual([
      { field: 'full_name', from: 'Pérez, Juan', to: 'Pérez, Juana' },
      {
        field: 'vip_expires_at',
        from: 'None',
        to: 'datetime.datetime(2026, 2, 1, 0, 0)',
      },
    ]);
  });

  test("reads a Python list of field names (['role', 'updated_at'])", () => {
    expect(readFieldChanges("['role', 'updated_at']")).toEqual([
      { field: 'role', from: null, to: null },
      { field: 'updated_at', from: null, to: null },
    ]);
  });

  test('reads a Python dict of (old, new) tuples', () => {
    expect(readFieldChanges("{'role': ('CLIENT', 'VIP')}")).toEqual([
      { field: 'role', from: 'CLIENT', to: 'VIP' },
    ]);
  });

  test('reads an empty text as no changes', () => {
    expect(readFieldChanges('  ')).toEqual([]);
  });
});
