import { dependencyOrder } from './database-tables.js';

describe('dependencyOrder', () => {
  it('puts every referenced table before the tables referencing it', () => {
    const order = dependencyOrder(
      ['scan_pages', 'dossiers', 'rounds', 'scan_files', 'audit_events'],
      [
        { child: 'dossiers', parent: 'rounds' },
        { child: 'scan_pages', parent: 'scan_files' },
        { child: 'scan_pages', parent: 'dossiers' },
      ],
    );
    expect(order).toEqual(['audit_events', 'rounds', 'dossiers', 'scan_files', 'scan_pages']);
  });

  it('keeps every table of a cycle, in name order', () => {
    expect(
      dependencyOrder(
        ['b', 'a', 'c'],
        [
          { child: 'a', parent: 'b' },
          { child: 'b', parent: 'a' },
          { child: 'c', parent: 'a' },
        ],
      ),
    ).toEqual(['a', 'b', 'c']);
  });
});
