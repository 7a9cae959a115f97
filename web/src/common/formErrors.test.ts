import { describe, expect, it, vi } from 'vitest';
import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';
import { applyServerErrorsAt, clearFieldErrors, fieldPath } from './formErrors';

describe('fieldPath', () => {
  it('turns a server field into the name of a list row field', () => {
    expect(fieldPath('verifications[1].answered')).toEqual(['verifications', 1, 'answered']);
    expect(fieldPath('days[12].date')).toEqual(['days', 12, 'date']);
    expect(fieldPath('target')).toEqual(['target']);
    expect(fieldPath('candidate.introducers[0]', 'candidate')).toEqual(['introducers', 0]);
    expect(fieldPath('votes.yes', 'candidate')).toEqual(['votes', 'yes']);
  });
});

describe('applyServerErrorsAt', () => {
  it('places the fields under the given roots and returns the other messages', () => {
    const setFields = vi.fn();
    const form = { setFields } as unknown as FormInstance;
    const e = new ApiError(422, 'invalid', 'Sai', 'comments[0].date', {
      'comments[0].date': 'Ngày sai',
      holidays: 'Dòng 3 sai',
    });
    expect(applyServerErrorsAt(form, e, ['comments'])).toEqual(['Dòng 3 sai']);
    expect(setFields).toHaveBeenCalledWith([{ name: ['comments', 0, 'date'], errors: ['Ngày sai'] }]);
  });

  it('returns the message when the error names no field', () => {
    const setFields = vi.fn();
    const form = { setFields } as unknown as FormInstance;
    expect(applyServerErrorsAt(form, new ApiError(409, 'conflict', 'Đã thay đổi', '', {}), ['x'])).toEqual(['Đã thay đổi']);
    expect(setFields).not.toHaveBeenCalled();
  });
});

describe('clearFieldErrors', () => {
  it('empties only the inputs that show an error', () => {
    const setFields = vi.fn();
    const getFieldsError = () => [
      { name: ['last_year'], errors: ['Sai'], warnings: [] },
      { name: ['target'], errors: [], warnings: [] },
    ];
    clearFieldErrors({ setFields, getFieldsError } as unknown as FormInstance);
    expect(setFields).toHaveBeenCalledWith([{ name: ['last_year'], errors: [] }]);
  });
});
