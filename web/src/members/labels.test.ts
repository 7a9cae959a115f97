import { describe, expect, it } from 'vitest';
import { ageBands } from './labels';
import { queryFromParams } from './List';

describe('age bands', () => {
  it('follow the statistics rule bounds', () => {
    expect(ageBands('30,40,50,60')).toEqual([
      { key: '-30', label: 'đến 30 tuổi', min: null, max: 30 },
      { key: '31-40', label: '31–40', min: 31, max: 40 },
      { key: '41-50', label: '41–50', min: 41, max: 50 },
      { key: '51-60', label: '51–60', min: 51, max: 60 },
      { key: '61-', label: 'từ 61 tuổi', min: 61, max: null },
    ]);
    expect(ageBands('')).toEqual([]);
  });
  it('become age_min/age_max of the list query', () => {
    const q = queryFromParams(7, new URLSearchParams('q=%20nguyen%20&age=31-40&status=official,probationary&gender=female&eth=T%C3%A0y'));
    expect(q).toEqual({ org: 7, q: 'nguyen', status: 'official,probationary', gender: 'female', age_min: 31, age_max: 40, ethnicity: 'Tày' });
    expect(queryFromParams(7, new URLSearchParams('age=61-'))).toMatchObject({ age_min: 61, age_max: undefined });
    expect(queryFromParams(7, new URLSearchParams('age=-30'))).toMatchObject({ age_min: undefined, age_max: 30 });
  });
});
