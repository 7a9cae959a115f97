import { describe, expect, it } from 'vitest';
import { emptyDraft } from './MemberForm';
import { isPlausibleName, officialDateFor, validateMember, type MemberDraft } from './validation';

const TODAY = '2026-11-23';
const ok: MemberDraft = {
  ...emptyDraft(),
  full_name: 'Nguyễn Văn An',
  gender: 'male',
  birth_date: '1990-05-02',
  admission_date: '2015-03-01',
  official_date: '2016-03-01',
  status: 'official',
};

describe('member validation (mirrors the server)', () => {
  it('accepts a complete official member', () => {
    expect(validateMember(ok, TODAY)).toEqual({});
  });

  it.each<[Partial<MemberDraft>, keyof MemberDraft, string]>([
    [{ full_name: '' }, 'full_name', 'Trường này là bắt buộc.'],
    [{ full_name: '   ' }, 'full_name', 'Trường này là bắt buộc.'],
    [{ full_name: 'An' }, 'full_name', 'Họ và tên cần ít nhất hai từ, chỉ gồm chữ cái.'],
    [{ full_name: 'Nguyễn V4n An' }, 'full_name', 'Họ và tên cần ít nhất hai từ, chỉ gồm chữ cái.'],
    [{ full_name: 'Nguyễn '.repeat(20) }, 'full_name', 'Nội dung quá dài (tối đa 100 ký tự).'],
    [{ gender: '' }, 'gender', 'Trường này là bắt buộc.'],
    [{ birth_date: null }, 'birth_date', 'Trường này là bắt buộc.'],
    [{ birth_date: '2026-11-24' }, 'birth_date', 'Ngày không được ở tương lai.'],
    [{ birth_date: '1899-12-31', admission_date: '1930-01-01', official_date: '1931-01-01' }, 'birth_date', 'Ngày sinh không hợp lý (trước năm 1900).'],
    [{ national_id: '12345' }, 'national_id', 'Số định danh cá nhân phải gồm đúng 12 chữ số.'],
    [{ national_id: '00100000000a' }, 'national_id', 'Số định danh cá nhân phải gồm đúng 12 chữ số.'],
    [{ card_number: '1234567' }, 'card_number', 'Số thẻ đảng viên chỉ gồm chữ số (8 đến 12 chữ số).'],
    [{ cv_number: '12345HN' }, 'cv_number', 'Số lý lịch gồm 6 chữ số và mã tỉnh 1–3 chữ cái (ví dụ 012345HN).'],
    [{ cv_number: '012345hn' }, 'cv_number', 'Số lý lịch gồm 6 chữ số và mã tỉnh 1–3 chữ cái (ví dụ 012345HN).'],
    [{ admission_date: null, official_date: null }, 'admission_date', 'Cần ngày quyết định kết nạp.'],
    [{ admission_date: '2027-01-01', official_date: null }, 'admission_date', 'Ngày không được ở tương lai.'],
    [{ admission_date: '2008-05-01', official_date: '2009-05-01' }, 'admission_date', 'Chưa đủ 18 tuổi vào ngày quyết định kết nạp.'],
    [{ ceremony_date: '2015-02-28' }, 'ceremony_date', 'Ngày lễ kết nạp không được trước ngày quyết định kết nạp.'],
    [{ official_date: '2016-03-02' }, 'official_date', 'Ngày chính thức phải đúng 12 tháng sau ngày quyết định kết nạp, tức 01/03/2016.'],
    [{ official_date: null }, 'official_date', 'Đảng viên chính thức cần có ngày công nhận chính thức.'],
    [{ status: 'probationary', card_number: '' }, 'official_date', 'Đảng viên dự bị chưa có ngày chính thức.'],
    [{ status: 'probationary', official_date: null, card_number: '12345678' }, 'card_number', 'Thẻ đảng viên chỉ cấp cho đảng viên chính thức.'],
    [{ status: 'deceased' }, 'left_on', 'Cần ngày ra khỏi danh sách (ngày của quyết định).'],
    [{ status: 'deceased', left_on: '2030-01-01' }, 'left_on', 'Ngày không được ở tương lai.'],
  ])('%j → %s: %s', (change, field, message) => {
    expect(validateMember({ ...ok, ...change }, TODAY)[field]).toBe(message);
  });

  it('does not ask a temporarily registered member for an admission date', () => {
    expect(validateMember({ ...ok, status: 'temporary', admission_date: null, official_date: null }, TODAY)).toEqual({});
  });

  it('is 18 on the day of the 18th birthday', () => {
    expect(validateMember({ ...ok, birth_date: '2000-05-10', admission_date: '2018-05-10', official_date: '2019-05-10' }, TODAY)).toEqual({});
    expect(validateMember({ ...ok, birth_date: '2000-05-10', admission_date: '2018-05-09', official_date: '2019-05-09' }, TODAY).admission_date).toBeDefined();
  });

  it('an official date still ahead is too early for an official member', () => {
    const e = validateMember({ ...ok, admission_date: '2026-01-10', official_date: '2027-01-10' }, TODAY);
    expect(e.official_date).toBe('Chưa đủ 12 tháng dự bị kể từ ngày quyết định kết nạp.');
  });

  it('computes the official date from the admission date', () => {
    expect(officialDateFor('2024-02-29')).toBe('2025-02-28');
    expect(officialDateFor('bad')).toBeNull();
  });

  it('accepts names of ethnic minorities', () => {
    expect(isPlausibleName("H'Hen Niê")).toBe(true);
    expect(isPlausibleName('Rơ Châm Ơi')).toBe(true);
    expect(isPlausibleName('=HYPERLINK(x) An')).toBe(false);
  });
});
