// The demo season's question bank, in the import's JSON shape (answers are option indexes).
// Sources: 2020 AHA CPR guidelines and Chinese first-aid training material, the Blood Donation
// Law of the PRC and GB 18467 (donor health requirements), the Vaccine Administration Law and the
// national immunization programme, WHO/China CDC guidance on infectious disease, the Chinese
// hypertension and diabetes guidelines, and the Dietary Guidelines for Chinese Residents (2022).

export const quizQuestions = [
  // 急救与心肺复苏
  { category: '急救', type: 'single', stem: '成人心肺复苏时，胸外按压的频率应为每分钟多少次？', options: ['60–80 次', '80–100 次', '100–120 次', '120–140 次'], answers: [2], explanation: '指南建议成人胸外按压频率为 100–120 次/分，过慢供血不足，过快按压深度和回弹都难以保证。' },
  { category: '急救', type: 'single', stem: '成人胸外按压的深度应为多少？', options: ['2–3 厘米', '3–4 厘米', '5–6 厘米', '7–8 厘米'], answers: [2], explanation: '成人按压深度至少 5 厘米、不超过 6 厘米，每次按压后要让胸廓完全回弹。' },
  { category: '急救', type: 'single', stem: '单人施救时，成人心肺复苏的胸外按压与人工呼吸之比是多少？', options: ['15:2', '30:2', '30:1', '5:1'], answers: [1], explanation: '单人施救按 30 次胸外按压、2 次人工呼吸为一个循环；不会或不愿人工呼吸时，可只做持续胸外按压。' },
  { category: '急救', type: 'single', stem: '发现有人突然倒地，施救者首先应该做什么？', options: ['立即进行人工呼吸', '确认现场环境安全', '给倒地者喂水', '立即把人扶起来坐好'], answers: [1], explanation: '第一步是确认环境安全，保护自己和伤者；然后拍肩呼叫判断意识，呼救拨打 120 并设法取来 AED。' },
  { category: '急救', type: 'single', stem: '成人胸外按压的位置在哪里？', options: ['胸骨中下段（两乳头连线中点）', '左侧胸部心尖处', '上腹部', '胸骨上端'], answers: [0], explanation: '按压部位在胸骨中下 1/3 处，即两乳头连线与胸骨交界处；位置偏了容易造成肋骨骨折且效果差。' },
  { category: '急救', type: 'truefalse', stem: 'AED（自动体外除颤器）只有医生才能使用。', answers: [1], explanation: 'AED 是为公众设计的急救设备，打开后按语音提示贴电极片、操作即可，第一目击者越早使用，患者存活率越高。' },
  { category: '急救', type: 'multiple', stem: '关于 AED 的使用，下列说法正确的是哪些？', options: ['电极片贴在裸露、干燥的胸部皮肤上', 'AED 分析心律和放电时，任何人不要接触患者', '放电后应立即继续胸外按压', '只要人晕倒了，就应先电击一次'], answers: [0, 1, 2], explanation: 'AED 会自动分析心律，只在需要时提示电击；放电后不要等待，立即从胸外按压开始继续心肺复苏。' },
  { category: '急救', type: 'multiple', stem: '成人气道异物梗阻时，哪些表现提示可能是完全梗阻？', options: ['不能说话', '不能咳嗽', '双手掐住自己的颈部', '能大声、用力地咳嗽'], answers: [0, 1, 2], explanation: '能用力咳嗽说明是部分梗阻，应鼓励咳嗽；不能说话、不能咳嗽并双手掐颈时，要立即用海姆立克法施救。' },
  { category: '急救', type: 'single', stem: '对意识清醒的成人实施海姆立克急救法时，拳头应放在哪个部位冲击？', options: ['肚脐上方约两横指处', '胸骨正中', '两肩胛骨之间', '下腹部'], answers: [0], explanation: '施救者站在患者身后，一手握拳，拳眼放在肚脐上方两横指处，另一手包住拳头，快速向内、向上冲击。' },
  { category: '急救', type: 'single', stem: '发生烧烫伤后，最先应该怎么处理？', options: ['涂抹牙膏或酱油', '用流动的凉水冲洗 15–30 分钟', '立即挑破水疱', '用冰块直接长时间敷'], answers: [1], explanation: '烧烫伤处理口诀为“冲、脱、泡、盖、送”；牙膏、酱油等会掩盖伤情、增加感染机会，冰块直接敷可能造成冻伤。' },
  { category: '急救', type: 'single', stem: '流鼻血时，正确的做法是什么？', options: ['仰起头止血', '身体稍前倾，捏住鼻翼两侧压迫 10–15 分钟', '立即平躺', '用纸巾塞住鼻孔后马上剧烈活动'], answers: [1], explanation: '仰头会使血液流向咽喉，引起呛咳或呕吐；应身体前倾、张口呼吸，用手指捏紧两侧鼻翼压迫止血，长时间止不住要就医。' },
  { category: '急救', type: 'truefalse', stem: '全国统一的医疗急救电话号码是 120。', answers: [0], explanation: '120 是全国统一的医疗急救电话，拨打时讲清地址、病人情况和联系电话，并派人到路口接应救护车。' },

  // 无偿献血
  { category: '献血', type: 'single', stem: '我国规定的献血年龄一般为多少周岁？', options: ['16–50 周岁', '18–55 周岁', '20–60 周岁', '18–65 周岁'], answers: [1], explanation: '献血年龄为 18–55 周岁；既往无献血反应、符合健康检查要求的多次献血者主动要求再次献血的，可延长至 60 周岁。' },
  { category: '献血', type: 'single', stem: '两次献全血的间隔时间不少于多久？', options: ['1 个月', '3 个月', '6 个月', '12 个月'], answers: [2], explanation: '根据《献血者健康检查要求》，全血献血间隔不少于 6 个月，让身体有充分时间恢复。' },
  { category: '献血', type: 'single', stem: '单采血小板的献血间隔不少于多久？', options: ['3 天', '2 周', '1 个月', '6 个月'], answers: [1], explanation: '单采血小板献血间隔不少于 2 周，且一年不超过 24 次；单采血小板后与全血献血的间隔不少于 4 周。' },
  { category: '献血', type: 'single', stem: '男性献血者的体重应不低于多少公斤？', options: ['40 公斤', '45 公斤', '50 公斤', '55 公斤'], answers: [2], explanation: '献血者体重男性不低于 50 公斤，女性不低于 45 公斤。' },
  { category: '献血', type: 'single', stem: '“世界献血者日”是每年的哪一天？', options: ['3 月 24 日', '5 月 31 日', '6 月 14 日', '12 月 1 日'], answers: [2], explanation: '6 月 14 日是 ABO 血型系统发现者卡尔·兰德斯坦纳的生日。3 月 24 日是世界防治结核病日，5 月 31 日是世界无烟日，12 月 1 日是世界艾滋病日。' },
  { category: '献血', type: 'single', stem: '我国实行的是哪种献血制度？', options: ['有偿献血', '无偿献血', '按单位摊派献血', '献血换取报酬'], answers: [1], explanation: '《中华人民共和国献血法》规定，国家实行无偿献血制度，提倡 18 周岁至 55 周岁的健康公民自愿献血。' },
  { category: '献血', type: 'single', stem: '《中华人民共和国献血法》自哪一年起施行？', options: ['1988 年', '1998 年', '2008 年', '2018 年'], answers: [1], explanation: '《献血法》于 1997 年 12 月通过，自 1998 年 10 月 1 日起施行。' },
  { category: '献血', type: 'truefalse', stem: '献血前应该空腹，以保证血液质量。', answers: [1], explanation: '献血前不宜空腹，应吃清淡早餐，避免油腻食物；空腹献血容易出现头晕、低血糖等献血反应。' },
  { category: '献血', type: 'truefalse', stem: '健康成年人一次献血 200–400 毫升，不会影响身体健康。', answers: [0], explanation: '成人血液总量约占体重的 7%–8%，一次献血 200–400 毫升约占全身血量的 5%–10%，失去的水分和血细胞会在短期内由身体补充。' },
  { category: '献血', type: 'multiple', stem: '献血前一天应注意哪些事项？', options: ['保证充足睡眠', '不饮酒', '避免高脂肪饮食', '多服用感冒药预防生病'], answers: [0, 1, 2], explanation: '献血前要休息好，不饮酒、不吃油腻食物；服用药物（如感冒药、抗生素）期间一般需暂缓献血，应如实告知医生。' },
  { category: '献血', type: 'multiple', stem: '献血后，下列哪些做法是正确的？', options: ['适量多喝水', '当天避免剧烈运动和重体力劳动', '保持针眼处清洁干燥', '立即去健身房进行高强度训练'], answers: [0, 1, 2], explanation: '献血后适当休息、多喝水，当天不做剧烈运动和重体力劳动，保持针眼清洁干燥以防感染。' },
  { category: '献血', type: 'truefalse', stem: '无偿献血者本人今后临床需要用血时，可以按规定免交血液的相关费用。', answers: [0], explanation: '《献血法》规定，无偿献血者临床需要用血时免交采集、储存、分离、检验等费用；其配偶和直系亲属可按省级规定免交或减交。' },

  // 疫苗接种
  { category: '疫苗', type: 'single', stem: '新生儿出生后 24 小时内应尽早接种哪种疫苗的第 1 剂？', options: ['乙肝疫苗', '麻腮风疫苗', '百白破疫苗', '乙脑疫苗'], answers: [0], explanation: '乙肝疫苗第 1 剂应在出生后 24 小时内尽早接种，这是阻断乙肝母婴传播的关键措施。' },
  { category: '疫苗', type: 'single', stem: '接种疫苗后，一般应在接种点留观多长时间？', options: ['5 分钟', '15 分钟', '30 分钟', '2 小时'], answers: [2], explanation: '按照预防接种工作规范，接种后应在接种点留观 30 分钟，以便及时处理可能出现的急性过敏反应。' },
  { category: '疫苗', type: 'truefalse', stem: '接种疫苗后出现低热、接种部位轻微红肿，多属于一般反应，通常可自行消退。', answers: [0], explanation: '一般反应多在 1–2 天内自行消退；若高热不退、出现皮疹、呼吸困难等异常，应及时就医并告知接种单位。' },
  { category: '疫苗', type: 'single', stem: '我国免疫规划疫苗（原“一类疫苗”）由谁承担费用？', options: ['受种者自费', '政府免费提供', '商业保险报销', '所在学校承担'], answers: [1], explanation: '《疫苗管理法》规定，免疫规划疫苗由政府免费向居民提供，居民有依法接种的义务。' },
  { category: '疫苗', type: 'single', stem: '流感疫苗一般建议多久接种一次？', options: ['每年一次', '每五年一次', '一生一次', '每十年一次'], answers: [0], explanation: '流感病毒容易变异，疫苗株每年更新，接种后的保护力也会随时间下降，因此建议每年接种。' },
  { category: '疫苗', type: 'single', stem: '被狗咬伤后，首先应该怎么做？', options: ['用肥皂水和流动清水交替冲洗伤口约 15 分钟', '立即把伤口严密包扎', '用嘴把血吸出来', '涂抹红药水后不再处理'], answers: [0], explanation: '先彻底冲洗伤口，再用碘伏等消毒，并尽快到狂犬病暴露处置门诊，按医生评估接种狂犬病疫苗或使用被动免疫制剂。' },
  { category: '疫苗', type: 'truefalse', stem: '狂犬病一旦发病，病死率几乎为 100%。', answers: [0], explanation: '狂犬病目前尚无有效治疗方法，但可以预防：被咬伤、抓伤后及时规范处置伤口并接种疫苗。' },
  { category: '疫苗', type: 'multiple', stem: '下列哪些属于国家免疫规划疫苗？', options: ['乙肝疫苗', '麻腮风疫苗', '百白破疫苗', '狂犬病疫苗'], answers: [0, 1, 2], explanation: '乙肝、麻腮风、百白破等疫苗属于国家免疫规划；狂犬病疫苗是暴露后按需自费接种的非免疫规划疫苗。' },
  { category: '疫苗', type: 'single', stem: 'HPV 疫苗（宫颈癌疫苗）主要预防哪种病原体的感染？', options: ['乙肝病毒', '人乳头瘤病毒', '流感病毒', '幽门螺杆菌'], answers: [1], explanation: '持续感染高危型人乳头瘤病毒（HPV）是宫颈癌的主要病因；接种疫苗的同时，女性仍应定期做宫颈癌筛查。' },
  { category: '疫苗', type: 'truefalse', stem: '正在发热或患急性疾病时，也可以照常接种疫苗。', answers: [1], explanation: '发热、急性疾病期间应暂缓接种，待身体康复后再补种，接种前要如实告知医生健康状况。' },
  { category: '疫苗', type: 'single', stem: '卡介苗主要用于预防哪种疾病？', options: ['结核病', '麻疹', '乙肝', '百日咳'], answers: [0], explanation: '卡介苗在新生儿出生时接种，主要预防儿童结核性脑膜炎和粟粒性肺结核等重症结核病。' },

  // 传染病防治
  { category: '传染病', type: 'single', stem: '艾滋病的传播途径不包括下列哪一项？', options: ['血液传播', '性传播', '母婴传播', '握手、拥抱和共用餐具'], answers: [3], explanation: '艾滋病通过血液、性接触和母婴三种途径传播；日常的握手、拥抱、共同进餐、共用马桶不会传播。' },
  { category: '传染病', type: 'single', stem: '“世界艾滋病日”是每年的哪一天？', options: ['3 月 24 日', '6 月 14 日', '10 月 10 日', '12 月 1 日'], answers: [3], explanation: '12 月 1 日是世界艾滋病日，红丝带是关注艾滋病防治的标志。' },
  { category: '传染病', type: 'single', stem: '肺结核主要通过什么途径传播？', options: ['呼吸道飞沫', '消化道', '蚊虫叮咬', '皮肤接触'], answers: [0], explanation: '肺结核患者咳嗽、打喷嚏、大声说话时会排出带菌飞沫，是主要传播方式；咳嗽时遮掩口鼻、不随地吐痰可减少传播。' },
  { category: '传染病', type: 'truefalse', stem: '咳嗽、咳痰 2 周以上或痰中带血，应怀疑肺结核，并及时到医疗机构检查。', answers: [0], explanation: '这些是肺结核的可疑症状；我国对肺结核的检查和治疗有减免政策，规范全程治疗绝大多数可以治愈。' },
  { category: '传染病', type: 'multiple', stem: '预防流感，下列哪些措施是有效的？', options: ['每年接种流感疫苗', '勤洗手', '咳嗽、打喷嚏时用纸巾或肘部遮掩口鼻', '预防性服用抗生素'], answers: [0, 1, 2], explanation: '流感由病毒引起，抗生素对病毒无效；接种疫苗、勤洗手、注意呼吸道卫生、保持通风是有效的预防措施。' },
  { category: '传染病', type: 'truefalse', stem: '抗生素可以治疗病毒引起的普通感冒。', answers: [1], explanation: '抗生素只对细菌等感染有效，对病毒无效；滥用抗生素会导致细菌耐药，应在医生指导下使用。' },
  { category: '传染病', type: 'single', stem: '乙肝的传播途径不包括下列哪一项？', options: ['血液传播', '母婴传播', '性接触传播', '共同进餐'], answers: [3], explanation: '乙肝经血液、母婴和性接触传播，一起吃饭、握手、拥抱等日常接触不会传播；接种乙肝疫苗是最有效的预防方法。' },
  { category: '传染病', type: 'single', stem: '下列哪种疾病可以通过蚊子叮咬传播？', options: ['登革热', '肺结核', '乙肝', '艾滋病'], answers: [0], explanation: '登革热由伊蚊传播；清除积水、防蚊灭蚊是预防关键。蚊子不会传播艾滋病和乙肝。' },
  { category: '传染病', type: 'single', stem: '发生腹泻时，预防脱水最好补充什么？', options: ['口服补液盐', '大量含糖饮料', '白酒', '浓茶'], answers: [0], explanation: '口服补液盐能同时补充水分和电解质，是预防和治疗轻中度脱水的首选；含糖饮料可能加重腹泻。' },
  { category: '传染病', type: 'truefalse', stem: '与艾滋病病毒感染者一起工作、学习、吃饭和握手，不会被感染。', answers: [0], explanation: '日常生活和工作接触不会传播艾滋病，应消除歧视，关爱感染者。' },
  { category: '传染病', type: 'single', stem: '下列哪项不是预防手足口病的有效措施？', options: ['勤洗手', '定期消毒儿童玩具和餐具', '适龄儿童接种 EV71 疫苗', '服用抗生素预防'], answers: [3], explanation: '手足口病由肠道病毒引起，抗生素无预防作用；勤洗手、清洁消毒、接种 EV71 疫苗可以有效预防。' },

  // 慢性病防控
  { category: '慢性病', type: 'single', stem: '未使用降压药时，非同日 3 次测量诊室血压达到多少可诊断为高血压？', options: ['≥120/80 mmHg', '≥130/85 mmHg', '≥140/90 mmHg', '≥160/100 mmHg'], answers: [2], explanation: '《中国高血压防治指南》：收缩压≥140 mmHg 和（或）舒张压≥90 mmHg 可诊断为高血压，18 岁以上成人应定期测量血压。' },
  { category: '慢性病', type: 'single', stem: '《中国居民膳食指南（2022）》建议成年人每天食盐摄入量不超过多少？', options: ['5 克', '10 克', '15 克', '20 克'], answers: [0], explanation: '高盐饮食是高血压的重要危险因素，成人每天食盐不超过 5 克，还要注意酱油、咸菜等“隐形盐”。' },
  { category: '慢性病', type: 'single', stem: '有典型糖尿病症状时，空腹血糖达到多少可诊断为糖尿病？', options: ['≥5.6 mmol/L', '≥6.1 mmol/L', '≥7.0 mmol/L', '≥3.9 mmol/L'], answers: [2], explanation: '空腹血糖≥7.0 mmol/L，或随机血糖、口服葡萄糖耐量试验 2 小时血糖≥11.1 mmol/L，结合典型症状可诊断糖尿病。' },
  { category: '慢性病', type: 'multiple', stem: '糖尿病典型症状“三多一少”中的“三多”是指哪些？', options: ['多饮', '多食', '多尿', '多汗'], answers: [0, 1, 2], explanation: '“三多一少”指多饮、多食、多尿和体重减少；出现这些症状应及时检测血糖。' },
  { category: '慢性病', type: 'truefalse', stem: '高血压患者血压降到正常后，就可以自行停药。', answers: [1], explanation: '血压正常多是药物控制的结果，自行停药会使血压反弹，增加脑卒中、心梗风险；调整用药应遵医嘱。' },
  { category: '慢性病', type: 'single', stem: '按我国标准，成年人体重指数（BMI）的正常范围是多少？', options: ['18.5–23.9', '24.0–27.9', '16.0–18.4', '28.0 及以上'], answers: [0], explanation: 'BMI = 体重（公斤）÷ 身高（米）的平方。我国成人 BMI 18.5–23.9 为正常，24.0–27.9 为超重，≥28.0 为肥胖。' },
  { category: '慢性病', type: 'single', stem: '我国成年男性腰围达到多少即属于中心型肥胖？', options: ['≥80 厘米', '≥85 厘米', '≥90 厘米', '≥100 厘米'], answers: [2], explanation: '成年男性腰围≥90 厘米、女性≥85 厘米为中心型肥胖，腹部脂肪过多与高血压、糖尿病等密切相关。' },
  { category: '慢性病', type: 'truefalse', stem: '吸烟是慢性阻塞性肺疾病（慢阻肺）最重要的危险因素。', answers: [0], explanation: '吸烟是慢阻肺最主要的危险因素，戒烟是预防和延缓慢阻肺进展最有效的措施，任何时候戒烟都不晚。' },
  { category: '慢性病', type: 'single', stem: '识别脑卒中的“中风 120”口诀中，“2”指的是什么？', options: ['看两只眼睛是否流泪', '查两只手臂平举时是否一侧无力', '两分钟内测两次血压', '两小时后再就医'], answers: [1], explanation: '“1”看 1 张脸是否口角歪斜，“2”查 2 只手臂是否单侧无力，“0”聆（零）听说话是否含糊；出现任何一项立即拨打 120。' },
  { category: '慢性病', type: 'multiple', stem: '下列哪些是心脑血管疾病的危险因素？', options: ['高血压', '吸烟', '血脂异常', '规律运动'], answers: [0, 1, 2], explanation: '高血压、吸烟、血脂异常、糖尿病、肥胖和缺乏运动都是危险因素；规律运动有助于预防心脑血管疾病。' },
  { category: '慢性病', type: 'truefalse', stem: '糖尿病患者完全不能吃水果。', answers: [1], explanation: '血糖控制平稳时，可在两餐之间适量吃低血糖生成指数的水果，并计入全天总能量，同时监测血糖。' },

  // 健康生活
  { category: '健康生活', type: 'single', stem: '成年人每周应累计进行多长时间的中等强度身体活动？', options: ['30 分钟', '60 分钟', '150 分钟以上', '不需要运动'], answers: [2], explanation: '膳食指南建议成年人每周至少 5 天中等强度身体活动，累计 150 分钟以上，并减少久坐。' },
  { category: '健康生活', type: 'single', stem: '在温和气候下，轻身体活动的成年人每天饮水量约为多少？', options: ['500–800 毫升', '1500–1700 毫升', '3000–4000 毫升', '越少越好'], answers: [1], explanation: '膳食指南建议成年男性每天喝水 1700 毫升、女性 1500 毫升，少量多次，首选白开水。' },
  { category: '健康生活', type: 'single', stem: '膳食指南建议成年人每天吃多少新鲜蔬菜？', options: ['不少于 100 克', '不少于 300 克', '不超过 50 克', '不需要吃蔬菜'], answers: [1], explanation: '餐餐有蔬菜，每天不少于 300 克新鲜蔬菜，其中深色蔬菜应占一半。' },
  { category: '健康生活', type: 'single', stem: '膳食指南建议平均每天摄入多少种以上的食物？', options: ['3 种', '5 种', '12 种', '50 种'], answers: [2], explanation: '食物多样是平衡膳食的基础，建议平均每天摄入 12 种以上食物，每周 25 种以上。' },
  { category: '健康生活', type: 'single', stem: '成年人每天烹调油的推荐摄入量是多少？', options: ['5–10 克', '25–30 克', '50–60 克', '100 克以上'], answers: [1], explanation: '成年人每天烹调油 25–30 克，多用蒸、煮、炖等少油的烹调方式。' },
  { category: '健康生活', type: 'single', stem: '成年人每天添加糖的摄入量最好控制在多少以下？', options: ['25 克', '100 克', '200 克', '不用控制'], answers: [0], explanation: '膳食指南建议添加糖每天不超过 50 克，最好控制在 25 克以下，少喝含糖饮料。' },
  { category: '健康生活', type: 'single', stem: '成年人每天建议的睡眠时间大约是多少？', options: ['4–5 小时', '7–8 小时', '10–12 小时', '越少越好'], answers: [1], explanation: '成年人每天平均睡眠 7–8 小时为宜，规律作息、睡前少看电子屏幕有助于提高睡眠质量。' },
  { category: '健康生活', type: 'truefalse', stem: '少量饮酒有益健康，所以不喝酒的人也应该每天喝一点。', answers: [1], explanation: '膳食指南提倡少喝或不喝酒，儿童青少年、孕妇、乳母和慢性病患者不应饮酒；没有饮酒习惯的人不必为“健康”而饮酒。' },
  { category: '健康生活', type: 'truefalse', stem: '二手烟同样危害健康，吸入二手烟不存在所谓的“安全水平”。', answers: [0], explanation: '二手烟含有数十种致癌物，室内吸烟时开窗、开排风扇都不能消除危害，公共场所应全面禁烟。' },
  { category: '健康生活', type: 'multiple', stem: '儿童青少年预防近视，下列哪些做法是正确的？', options: ['每天白天户外活动 2 小时以上', '读写做到“一尺、一拳、一寸”', '定期检查视力', '躺着或在昏暗的光线下看书'], answers: [0, 1, 2], explanation: '充足的户外活动、正确的读写姿势、控制近距离用眼时间和定期检查视力是预防近视的关键。' },
  { category: '健康生活', type: 'multiple', stem: '关于食品安全，下列哪些做法是正确的？', options: ['生熟食品分开存放和加工', '剩饭菜彻底加热后再吃', '冰箱里的食物也要尽快吃完', '发芽较多的土豆去掉芽就能放心吃'], answers: [0, 1, 2], explanation: '冰箱不是保险箱，冷藏也有细菌繁殖；发芽或变绿的土豆含较多龙葵素，发芽多的应丢弃。' },
  { category: '健康生活', type: 'truefalse', stem: '提倡使用含氟牙膏，每天早晚刷牙。', answers: [0], explanation: '含氟牙膏能有效预防龋齿；每天早晚刷牙、饭后漱口，并定期做口腔检查。' },
];
