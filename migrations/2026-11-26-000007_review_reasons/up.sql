-- The reason catalog reviewers pick from when they return or reject a registration (domain.md §3).
-- Region administrators edit it; codes are stable (they are stored on review actions), labels may change.
CREATE TABLE review_reasons (
  code        text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,63}$'),
  label       text NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
  -- what the reason is about: a form field, a material, or the registration as a whole
  target      text NOT NULL CHECK (target IN ('field', 'material', 'general')),
  -- for field reasons: the form section (`work`); for material reasons: the material kind (`photo`)
  subject     text,
  active      boolean NOT NULL DEFAULT true,
  sort        integer NOT NULL DEFAULT 0,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

INSERT INTO review_reasons (code, label, target, subject, sort) VALUES
  ('photo_blurred',             '照片模糊或不符合规格',             'material', 'photo',                10),
  ('photo_not_recent',          '照片非近期免冠正面照',             'material', 'photo',                11),
  ('id_card_unclear',           '身份证扫描件不清晰',               'material', 'id_card_front',              20),
  ('diploma_missing',           '未上传学历证书',                   'material', 'diploma',              30),
  ('diploma_unclear',           '学历证书扫描件不清晰',             'material', 'diploma',              31),
  ('work_certificate_missing',  '缺少单位出具的工作年限证明',       'material', 'work_years_certificate',     40),
  ('qualification_cert_missing','缺少专业技术资格证书',             'material', 'title_certificate', 50),
  ('practice_cert_missing',     '缺少医师执业证书',                 'material', 'physician_practice_certificate', 60),
  ('graduation_proof_missing',  '缺少应届毕业证明',                 'material', 'fresh_graduate_proof',     70),
  ('school_name_mismatch',      '学校名称与毕业证书不一致',         'field',    'education',            100),
  ('degree_mismatch',           '学历与证书不一致',                 'field',    'education',            101),
  ('work_unit_mismatch',        '工作单位与证明材料不一致',         'field',    'work',                 110),
  ('work_years_insufficient',   '工作年限不满足报考条件',           'field',    'work',                 111),
  ('specialty_mismatch',        '报考专业与所学专业或执业范围不符', 'field',    'exam',                 120),
  ('level_not_eligible',        '不满足报考级别的条件',             'field',    'exam',                 121),
  ('probation_insufficient',    '试用期不满一年或备案信息不符',     'field',    'physician',            130),
  ('internship_insufficient',   '实习时间不满足要求',               'field',    'nurse',                140),
  ('under_sanction',            '处于禁考期内',                     'general',  NULL,                   200),
  ('duplicate_registration',    '重复报名',                         'general',  NULL,                   201),
  ('false_information',         '提供虚假材料',                     'general',  NULL,                   202),
  ('other',                     '其他（见审核意见）',               'general',  NULL,                   900);

-- A batch decision that went through despite blocking findings records why (domain.md §3: overrides are explicit).
ALTER TABLE review_actions ADD COLUMN override_reason text;
