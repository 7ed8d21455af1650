import { hostUnitKindLabels, industryFields, stationLevelLabels } from '../schemas/org';
import { chineseOptions, field, opinion } from './blocks';
import type { FormDefinition } from './types';

/**
 * 益阳市重点产业领域学会服务站申报书 — the 附件 of seed 004 (益阳市委人才办 + 益阳市科协, 2023-09-21),
 * every cell in the seed's order. Labels are the seed's cell captions with the typographic
 * spaces removed (「邮    编」 → 「邮编」). Where the printed form repeats a caption inside one
 * block (职务, 手机 in 建站学会基本情况) the field carries a `name` so messages stay unambiguous.
 */

/** 单位性质 as printed: □市县级科协 □园区科协 □市县级学会 □高校科协 □企业科协 (第二条 names the same five). */
const unitKinds = ['city_county_cast', 'park_cast', 'city_county_society', 'university_cast', 'enterprise_cast'] as const;

/** 申报级别 as printed: □国家级学会服务站 □省级学会服务站 □市级学会服务站 */
const levels = ['national', 'provincial', 'city'] as const;

export const yiyangStationForm: FormDefinition = {
  id: 'yiyang-station-2023/station',
  title: '益阳市重点产业领域学会服务站申报书',
  source: { seed: '004_20201475e3758f73', origin: 'seed-form' },
  steps: [
    {
      // 封面: the name and legal representative typed here are printed again in the table below.
      id: 'cover',
      title: '封面',
      fields: [
        field('stationName', '学会服务站名称', 'text', true, { maxLength: 100 }),
        field('applicantName', '申报单位名称（盖章）', 'text', true, { maxLength: 100, help: '纸质申报书上加盖单位公章' }),
        field('legalRepresentative', '法定代表人（签章）', 'text', true, { maxLength: 40, help: '纸质申报书上由法定代表人签字或盖章' }),
        field('applicationDate', '申报日期', 'date', true),
      ],
    },
    {
      id: 'applicant',
      title: '申报单位',
      fields: [
        field('unitName', '单位名称', 'text', false, { mirrorOf: 'applicantName' }),
        field('unitLegalRepresentative', '法人代表', 'text', false, { mirrorOf: 'legalRepresentative' }),
        field('address', '通讯地址', 'text', true, { maxLength: 200, name: '申报单位通讯地址' }),
        field('postcode', '邮编', 'postcode', true, { name: '申报单位邮编' }),
        field('contactName', '姓名', 'text', true, { group: '联系人', maxLength: 40, name: '联系人姓名' }),
        field('contactPhone', '电话', 'phone', false, {
          group: '联系人',
          name: '联系人电话',
          help: '固定电话可带区号和分机号，如 0737-4221234-801',
        }),
        field('contactMobile', '手机', 'mobile', true, { group: '联系人', name: '联系人手机' }),
        field('contactFax', '传真', 'fax', false, { group: '联系人', name: '联系人传真' }),
        field('contactEmail', '电子邮件', 'email', false, { group: '联系人', name: '联系人电子邮件' }),
        field('contactQqWechat', 'QQ/微信', 'qqOrWechat', false, { group: '联系人', name: '联系人QQ/微信' }),
      ],
    },
    {
      id: 'category',
      title: '申报类别',
      fields: [
        field('unitKind', '单位性质', 'select', true, { options: unitKinds.map((k) => ({ value: k, label: hostUnitKindLabels[k] })) }),
        field('industryField', '重点产业领域', 'select', true, { options: chineseOptions(...industryFields) }),
        field('level', '申报级别', 'select', true, {
          options: levels.map((l) => ({ value: l, label: `${stationLevelLabels[l]}学会服务站` })),
          help: '已建有市级专家工作站等以上平台并已获市财政资助的单位，原则上只能申报国家级（第七条）',
        }),
      ],
    },
    {
      id: 'basics',
      title: '基本情况',
      fields: [
        field('unitDescription', '申报单位基本情况', 'textarea', true, {
          maxLength: 3000,
          help: '申报单位基本概况：规模、运营状况、人才团队、主要优势及成效等',
        }),
        field('industryDescription', '服务产业基本情况', 'textarea', true, {
          maxLength: 3000,
          help: '服务产业规模、企业数、国际国内市场份额、产品层次、所取得科技成果、企业概述等',
        }),
      ],
    },
    {
      id: 'hostSociety',
      title: '建站学会基本情况',
      fields: [
        field('societyName', '学会名称', 'text', true, { group: '建站学会基本情况', maxLength: 100, name: '建站学会名称' }),
        field('societyLegalRepresentative', '法人代表', 'text', true, {
          group: '建站学会基本情况',
          maxLength: 40,
          name: '建站学会法人代表',
        }),
        field('societyLegalRepresentativePosition', '职务', 'text', false, {
          group: '建站学会基本情况',
          maxLength: 40,
          name: '建站学会法人代表职务',
        }),
        field('societyLegalRepresentativeMobile', '手机', 'mobile', false, { group: '建站学会基本情况', name: '建站学会法人代表手机' }),
        field('societyAddress', '通讯地址', 'text', true, { group: '建站学会基本情况', maxLength: 200, name: '建站学会通讯地址' }),
        field('societyPostcode', '邮编', 'postcode', false, { group: '建站学会基本情况', name: '建站学会邮编' }),
        field('societyContactName', '联系人', 'text', true, { group: '建站学会基本情况', maxLength: 40, name: '建站学会联系人' }),
        field('societyContactPosition', '职务', 'text', false, { group: '建站学会基本情况', maxLength: 40, name: '建站学会联系人职务' }),
        field('societyContactMobile', '手机', 'mobile', true, { group: '建站学会基本情况', name: '建站学会联系人手机' }),
        field('societyPhoneFax', '电话传真', 'phone', false, { group: '建站学会基本情况', name: '建站学会电话传真' }),
        field('societyQq', 'QQ', 'qq', false, { group: '建站学会基本情况', name: '建站学会QQ' }),
        field('societyEmail', '电子邮件', 'email', false, { group: '建站学会基本情况', name: '建站学会电子邮件' }),
        field('societyWechat', '微信', 'wechat', false, { group: '建站学会基本情况', name: '建站学会微信' }),
        // The seed prints this cell without a caption, only the bracketed hint; it belongs to the block.
        field('societyDescription', '建站学会基本情况', 'textarea', true, {
          group: '建站学会基本情况',
          maxLength: 3000,
          name: '建站学会情况描述',
          help: '重点产业领域、开展活动描述及主要成果等',
        }),
      ],
    },
    {
      id: 'plan',
      title: '建站目的工作计划',
      fields: [
        field('purposeAndPlan', '建站目的工作计划', 'textarea', true, {
          maxLength: 5000,
          help: '重点产业领域、工作目标、任务内容、预期成效等，附双方所签协议',
        }),
      ],
    },
    {
      // 第八条: the county CAST reviews first, the city CAST reviews, the talent office approves.
      // Each signs and seals its block on the printed form.
      id: 'opinions',
      title: '审核意见',
      fields: [
        opinion('applicantOpinion', '申报单位意见'),
        opinion('countyCastOpinion', '县市区科协意见'),
        opinion('countyTalentOfficeOpinion', '县市区委人才办意见'),
        opinion('cityCastOpinion', '市科协意见'),
      ],
    },
  ],
};
