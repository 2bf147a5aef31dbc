/**
 * GB/T 4754-2017 industry codes, manufacturing section C only (国民经济行业分类, 门类 C 制造业):
 * division C + 2 digits (大类), group C + 3 (中类), class C + 4 (小类).
 *
 * Coverage: all 31 divisions C13–C43; groups and classes for the divisions GRIP's enterprises
 * are in so far — C26, C30, C33, C34, C35, C36, C38, C39 — complete for those divisions.
 * A group that the standard does not subdivide has one class ending in 0 with the same name
 * (C394 / C3940), and both are listed.
 *
 * Validation choice: a group or class code must be in the table when its division's groups
 * are in the table (a typo is caught); under any other known division it is accepted by its
 * pattern, so an enterprise in a division not yet detailed can still register. Detailing a
 * division is adding its lines below; from then on its sub-codes are checked, so codes stored
 * earlier under that division deserve a re-validation.
 */

export type IndustryLevel = 'division' | 'group' | 'class';

export type IndustryCodeValidation =
  { ok: true; level: IndustryLevel; division: string } | { ok: false; reason: string };

// Whitespace-separated `code name` pairs (names contain no spaces).
const DIVISIONS = `
  C13 农副食品加工业 C14 食品制造业 C15 酒、饮料和精制茶制造业 C16 烟草制品业 C17 纺织业
  C18 纺织服装、服饰业 C19 皮革、毛皮、羽毛及其制品和制鞋业 C20 木材加工和木、竹、藤、棕、草制品业
  C21 家具制造业 C22 造纸和纸制品业 C23 印刷和记录媒介复制业 C24 文教、工美、体育和娱乐用品制造业
  C25 石油、煤炭及其他燃料加工业 C26 化学原料和化学制品制造业 C27 医药制造业 C28 化学纤维制造业
  C29 橡胶和塑料制品业 C30 非金属矿物制品业 C31 黑色金属冶炼和压延加工业 C32 有色金属冶炼和压延加工业
  C33 金属制品业 C34 通用设备制造业 C35 专用设备制造业 C36 汽车制造业
  C37 铁路、船舶、航空航天和其他运输设备制造业 C38 电气机械和器材制造业
  C39 计算机、通信和其他电子设备制造业 C40 仪器仪表制造业 C41 其他制造业 C42 废弃资源综合利用业
  C43 金属制品、机械和设备修理业
`;

// One group per line, followed by its classes.
const GROUPS_AND_CLASSES = `
  C261 基础化学原料制造 C2611 无机酸制造 C2612 无机碱制造 C2613 无机盐制造 C2614 有机化学原料制造
       C2619 其他基础化学原料制造
  C262 肥料制造 C2621 氮肥制造 C2622 磷肥制造 C2623 钾肥制造 C2624 复混肥料制造 C2625 有机肥料及微生物肥料制造
       C2629 其他肥料制造
  C263 农药制造 C2631 化学农药制造 C2632 生物化学农药及微生物农药制造
  C264 涂料、油墨、颜料及类似产品制造 C2641 涂料制造 C2642 油墨及类似产品制造 C2643 工业颜料制造
       C2644 工艺美术颜料制造 C2645 染料制造 C2646 密封用填料及类似品制造
  C265 合成材料制造 C2651 初级形态塑料及合成树脂制造 C2652 合成橡胶制造 C2653 合成纤维单（聚合）体制造
       C2659 其他合成材料制造
  C266 专用化学产品制造 C2661 化学试剂和助剂制造 C2662 专项化学用品制造 C2663 林产化学产品制造
       C2664 文化用信息化学品制造 C2665 医学生产用信息化学品制造 C2666 环境污染处理专用药剂材料制造
       C2667 动物胶制造 C2669 其他专用化学产品制造
  C267 炸药、火工及焰火产品制造 C2671 炸药及火工产品制造 C2672 焰火、鞭炮产品制造
  C268 日用化学产品制造 C2681 肥皂及洗涤剂制造 C2682 化妆品制造 C2683 口腔清洁用品制造 C2684 香料、香精制造
       C2689 其他日用化学产品制造

  C301 水泥、石灰和石膏制造 C3011 水泥制造 C3012 石灰和石膏制造
  C302 石膏、水泥制品及类似制品制造 C3021 水泥制品制造 C3022 砼结构构件制造 C3023 石棉水泥制品制造
       C3024 轻质建筑材料制造 C3029 其他水泥类似制品制造
  C303 砖瓦、石材等建筑材料制造 C3031 粘土砖瓦及建筑砌块制造 C3032 建筑用石加工 C3033 防水建筑材料制造
       C3034 隔热和隔音材料制造 C3039 其他建筑材料制造
  C304 玻璃制造 C3041 平板玻璃制造 C3042 特种玻璃制造 C3049 其他玻璃制造
  C305 玻璃制品制造 C3051 技术玻璃制品制造 C3052 光学玻璃制造 C3053 玻璃仪器制造 C3054 日用玻璃制品制造
       C3055 玻璃包装容器制造 C3056 玻璃保温容器制造 C3057 制镜及类似品加工 C3059 其他玻璃制品制造
  C306 玻璃纤维和玻璃纤维增强塑料制品制造 C3061 玻璃纤维及制品制造 C3062 玻璃纤维增强塑料制品制造
  C307 陶瓷制品制造 C3071 建筑陶瓷制品制造 C3072 卫生陶瓷制品制造 C3073 特种陶瓷制品制造
       C3074 日用陶瓷制品制造 C3075 陈设艺术陶瓷制造 C3076 园艺陶瓷制造 C3079 其他陶瓷制品制造
  C308 耐火材料制品制造 C3081 石棉制品制造 C3082 云母制品制造 C3089 耐火陶瓷制品及其他耐火材料制造
  C309 石墨及其他非金属矿物制品制造 C3091 石墨及碳素制品制造 C3099 其他非金属矿物制品制造

  C331 结构性金属制品制造 C3311 金属结构制造 C3312 金属门窗制造
  C332 金属工具制造 C3321 切削工具制造 C3322 手工具制造 C3323 农用及园林用金属工具制造
       C3324 刀剪及类似日用金属工具制造 C3329 其他金属工具制造
  C333 集装箱及金属包装容器制造 C3331 集装箱制造 C3332 金属压力容器制造 C3333 金属包装容器及材料制造
  C334 金属丝绳及其制品制造 C3340 金属丝绳及其制品制造
  C335 建筑、安全用金属制品制造 C3351 建筑、家具用金属配件制造 C3352 建筑装饰及水暖管道零件制造
       C3353 安全、消防用金属制品制造 C3359 其他建筑、安全用金属制品制造
  C336 金属表面处理及热处理加工 C3360 金属表面处理及热处理加工
  C337 搪瓷制品制造 C3371 生产专用搪瓷制品制造 C3372 建筑装饰搪瓷制品制造 C3373 搪瓷卫生洁具制造
       C3379 搪瓷日用品及其他搪瓷制品制造
  C338 金属制日用品制造 C3381 金属制厨房用器具制造 C3382 金属制餐具和器皿制造 C3383 金属制卫生器具制造
       C3389 其他金属制日用品制造
  C339 铸造及其他金属制品制造 C3391 黑色金属铸造 C3392 有色金属铸造 C3393 锻件及粉末冶金制品制造
       C3394 交通及公共管理用金属标牌制造 C3399 其他未列明金属制品制造

  C341 锅炉及原动设备制造 C3411 锅炉及辅助设备制造 C3412 内燃机及配件制造 C3413 汽轮机及辅机制造
       C3414 水轮机及辅机制造 C3415 风能原动设备制造 C3419 其他原动设备制造
  C342 金属加工机械制造 C3421 金属切削机床制造 C3422 金属成形机床制造 C3423 铸造机械制造
       C3424 金属切割及焊接设备制造 C3425 机床功能部件及附件制造 C3429 其他金属加工机械制造
  C343 物料搬运设备制造 C3431 轻小型起重设备制造 C3432 生产专用起重机制造 C3433 生产专用车辆制造
       C3434 连续搬运设备制造 C3435 电梯、自动扶梯及升降机制造 C3436 客运索道制造 C3437 机械式停车设备制造
       C3439 其他物料搬运设备制造
  C344 泵、阀门、压缩机及类似机械制造 C3441 泵及真空设备制造 C3442 气体压缩机械制造 C3443 阀门和旋塞制造
       C3444 液压动力机械及元件制造 C3445 液力动力机械元件制造 C3446 气压动力机械及元件制造
  C345 轴承、齿轮和传动部件制造 C3451 滚动轴承制造 C3452 滑动轴承制造 C3453 齿轮及齿轮减、变速箱制造
       C3459 其他传动部件制造
  C346 烘炉、风机、包装等设备制造 C3461 烘炉、熔炉及电炉制造 C3462 风机、风扇制造
       C3463 气体、液体分离及纯净设备制造 C3464 制冷、空调设备制造 C3465 风动和电动工具制造
       C3466 喷枪及类似器具制造 C3467 包装专用设备制造
  C347 文化、办公用机械制造 C3471 电影机械制造 C3472 幻灯及投影设备制造 C3473 照相机及器材制造
       C3474 复印和胶印设备制造 C3475 计算器及货币专用设备制造 C3479 其他文化、办公用机械制造
  C348 通用零部件制造 C3481 金属密封件制造 C3482 紧固件制造 C3483 弹簧制造 C3484 机械零部件加工
       C3489 其他通用零部件制造
  C349 其他通用设备制造业 C3491 工业机器人制造 C3492 特殊作业机器人制造 C3493 增材制造装备制造
       C3499 其他未列明通用设备制造业

  C351 采矿、冶金、建筑专用设备制造 C3511 矿山机械制造 C3512 石油钻采专用设备制造 C3513 深海石油钻探设备制造
       C3514 建筑工程用机械制造 C3515 建筑材料生产专用机械制造 C3516 冶金专用设备制造
       C3517 隧道施工专用机械制造
  C352 化工、木材、非金属加工专用设备制造 C3521 炼油、化工生产专用设备制造 C3522 橡胶加工专用设备制造
       C3523 塑料加工专用设备制造 C3524 木竹材加工机械制造 C3525 模具制造 C3529 其他非金属加工专用设备制造
  C353 食品、饮料、烟草及饲料生产专用设备制造 C3531 食品、酒、饮料及茶生产专用设备制造
       C3532 农副食品加工专用设备制造 C3533 烟草生产专用设备制造 C3534 饲料生产专用设备制造
  C354 印刷、制药、日化及日用品生产专用设备制造 C3541 制浆和造纸专用设备制造 C3542 印刷专用设备制造
       C3543 日用化工专用设备制造 C3544 制药专用设备制造 C3545 照明器具生产专用设备制造
       C3546 玻璃、陶瓷和搪瓷制品生产专用设备制造 C3549 其他日用品生产专用设备制造
  C355 纺织、服装和皮革加工专用设备制造 C3551 纺织专用设备制造 C3552 皮革、毛皮及其制品加工专用设备制造
       C3553 缝制机械制造 C3554 洗涤机械制造
  C356 电子和电工机械专用设备制造 C3561 电工机械专用设备制造 C3562 半导体器件专用设备制造
       C3563 电子元器件与机电组件设备制造 C3569 其他电子专用设备制造
  C357 农、林、牧、渔专用机械制造 C3571 拖拉机制造 C3572 机械化农业及园艺机具制造
       C3573 营林及木竹采伐机械制造 C3574 畜牧机械制造 C3575 渔业机械制造 C3576 农林牧渔机械配件制造
       C3577 棉花加工机械制造 C3579 其他农、林、牧、渔业机械制造
  C358 医疗仪器设备及器械制造 C3581 医疗诊断、监护及治疗设备制造 C3582 口腔科用设备及器具制造
       C3583 医疗实验室及医用消毒设备和器具制造 C3584 医疗、外科及兽医用器械制造
       C3585 机械治疗及病房护理设备制造 C3586 康复辅具制造 C3587 眼镜制造 C3589 其他医疗设备及器械制造
  C359 环保、邮政、社会公共服务及其他专用设备制造 C3591 环境保护专用设备制造 C3592 地质勘查专用设备制造
       C3593 邮政专用机械及器材制造 C3594 商业、饮食、服务专用设备制造 C3595 社会公共安全设备及器材制造
       C3596 交通安全、管制及类似专用设备制造 C3597 水资源专用机械制造 C3599 其他专用设备制造

  C361 汽车整车制造 C3611 汽柴油车整车制造 C3612 新能源车整车制造
  C362 汽车用发动机制造 C3620 汽车用发动机制造
  C363 改装汽车制造 C3630 改装汽车制造
  C364 低速汽车制造 C3640 低速汽车制造
  C365 电车制造 C3650 电车制造
  C366 汽车车身、挂车制造 C3660 汽车车身、挂车制造
  C367 汽车零部件及配件制造 C3670 汽车零部件及配件制造

  C381 电机制造 C3811 发电机及发电机组制造 C3812 电动机制造 C3813 微特电机及组件制造 C3819 其他电机制造
  C382 输配电及控制设备制造 C3821 变压器、整流器和电感器制造 C3822 电容器及其配套设备制造
       C3823 配电开关控制设备制造 C3824 电力电子元器件制造 C3825 光伏设备及元器件制造
       C3829 其他输配电及控制设备制造
  C383 电线、电缆、光缆及电工器材制造 C3831 电线、电缆制造 C3832 光纤制造 C3833 光缆制造 C3834 绝缘制品制造
       C3839 其他电工器材制造
  C384 电池制造 C3841 锂离子电池制造 C3842 镍氢电池制造 C3843 铅蓄电池制造 C3844 锌锰电池制造
       C3849 其他电池制造
  C385 家用电力器具制造 C3851 家用制冷电器具制造 C3852 家用空气调节器制造 C3853 家用通风电器具制造
       C3854 家用厨房电器具制造 C3855 家用清洁卫生电器具制造 C3856 家用美容、保健护理电器具制造
       C3857 家用电力器具专用配件制造 C3859 其他家用电力器具制造
  C386 非电力家用器具制造 C3861 燃气及类似能源家用器具制造 C3862 太阳能器具制造 C3869 其他非电力家用器具制造
  C387 照明器具制造 C3871 电光源制造 C3872 照明灯具制造 C3873 舞台及场地用灯制造 C3874 智能照明器具制造
       C3879 灯用电器附件及其他照明器具制造
  C389 其他电气机械及器材制造 C3891 电气信号设备装置制造 C3899 其他未列明电气机械及器材制造

  C391 计算机制造 C3911 计算机整机制造 C3912 计算机零部件制造 C3913 计算机外围设备制造
       C3914 工业控制计算机及系统制造 C3915 信息安全设备制造 C3919 其他计算机制造
  C392 通信设备制造 C3921 通信系统设备制造 C3922 通信终端设备制造
  C393 广播电视设备制造 C3931 广播电视节目制作及发射设备制造 C3932 广播电视接收设备制造
       C3933 广播电视专用配件制造 C3934 专业音响设备制造 C3939 应用电视设备及其他广播电视设备制造
  C394 雷达及配套设备制造 C3940 雷达及配套设备制造
  C395 非专业视听设备制造 C3951 电视机制造 C3952 音响设备制造 C3953 影视录放设备制造
  C396 智能消费设备制造 C3961 可穿戴智能设备制造 C3962 智能车载设备制造 C3963 智能无人飞行器制造
       C3964 服务消费机器人制造 C3969 其他智能消费设备制造
  C397 电子器件制造 C3971 电子真空器件制造 C3972 半导体分立器件制造 C3973 集成电路制造 C3974 显示器件制造
       C3975 半导体照明器件制造 C3976 光电子器件制造 C3979 其他电子器件制造
  C398 电子元件及电子专用材料制造 C3981 电阻电容电感元件制造 C3982 电子电路制造 C3983 敏感元件及传感器制造
       C3984 电声器件及零件制造 C3985 电子专用材料制造 C3989 其他电子元件制造
  C399 其他电子设备制造 C3990 其他电子设备制造
`;

function parseRows(text: string, pattern: RegExp): [string, string][] {
  const tokens = text.split(/\s+/).filter((t) => t !== '');
  const rows: [string, string][] = [];
  for (let i = 0; i < tokens.length; i += 2) {
    const [code, name] = [tokens[i], tokens[i + 1]];
    // A slip in the table must fail at load, not surface later as a rejected enterprise.
    if (!pattern.test(code) || name === undefined || /^C\d/.test(name)) {
      throw new Error(`industry table: malformed row '${code} ${name}'`);
    }
    rows.push([code, name]);
  }
  return rows;
}

function toMap(rows: [string, string][]): Map<string, string> {
  const map = new Map<string, string>();
  for (const [code, name] of rows) {
    if (map.has(code)) throw new Error(`industry table: duplicate code ${code}`);
    map.set(code, name);
  }
  return map;
}

/** Division (大类) → name, C13–C43. */
export const INDUSTRY_DIVISIONS: ReadonlyMap<string, string> = toMap(parseRows(DIVISIONS, /^C\d{2}$/));

const detailRows = parseRows(GROUPS_AND_CLASSES, /^C\d{3,4}$/);

/** Group (中类) → name, for the detailed divisions listed in the header. */
export const INDUSTRY_GROUPS: ReadonlyMap<string, string> = toMap(detailRows.filter(([c]) => c.length === 4));

/** Class (小类) → name, for the detailed divisions listed in the header. */
export const INDUSTRY_CLASSES: ReadonlyMap<string, string> = toMap(
  detailRows.filter(([c]) => c.length === 5),
);

/** Divisions whose groups and classes are in the table, so sub-codes are checked against it. */
export const DETAILED_INDUSTRY_DIVISIONS: ReadonlySet<string> = new Set(
  [...INDUSTRY_GROUPS.keys()].map((g) => g.slice(0, 3)),
);

export function validateIndustryCode(code: string): IndustryCodeValidation {
  if (typeof code !== 'string') return { ok: false, reason: 'an industry code must be a string' };
  const match = /^C(\d{2})(\d{1,2})?$/.exec(code);
  if (!match) {
    if (/^\d{2,4}$/.test(code)) {
      return { ok: false, reason: `an industry code starts with the section letter C, e.g. C${code}` };
    }
    if (/^[A-Z]\d{2,4}$/.test(code)) {
      return {
        ok: false,
        reason: `only manufacturing (section C) codes are accepted, got section ${code[0]}`,
      };
    }
    return {
      ok: false,
      reason: `an industry code is C followed by 2, 3 or 4 digits (e.g. C39, C391, C3911)`,
    };
  }
  const division = `C${match[1]}`;
  if (!INDUSTRY_DIVISIONS.has(division)) {
    return { ok: false, reason: `unknown manufacturing division ${division} (divisions are C13 to C43)` };
  }
  const level: IndustryLevel = code.length === 3 ? 'division' : code.length === 4 ? 'group' : 'class';
  if (level !== 'division' && DETAILED_INDUSTRY_DIVISIONS.has(division)) {
    const group = code.slice(0, 4);
    if (!INDUSTRY_GROUPS.has(group)) {
      return {
        ok: false,
        reason: `unknown group ${group} in division ${division} (${INDUSTRY_DIVISIONS.get(division)})`,
      };
    }
    if (level === 'class' && !INDUSTRY_CLASSES.has(code)) {
      return { ok: false, reason: `unknown class ${code} in group ${group} (${INDUSTRY_GROUPS.get(group)})` };
    }
  }
  return { ok: true, level, division };
}

/** The name of a code in the table, or undefined (also for codes accepted only by pattern). */
export function industryName(code: string): string | undefined {
  return INDUSTRY_DIVISIONS.get(code) ?? INDUSTRY_GROUPS.get(code) ?? INDUSTRY_CLASSES.get(code);
}

/** The division (e.g. 'C39') of a valid code, or undefined for an invalid one. */
export function industryDivision(code: string): string | undefined {
  const result = validateIndustryCode(code);
  return result.ok ? result.division : undefined;
}
