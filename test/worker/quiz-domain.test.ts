// The quiz's pure rules, tested directly: draw, option order, scoring, masking, CSV, import rows.
import { describe, expect, it } from 'vitest';
import {
  answerLetters,
  checkQuestion,
  checkRows,
  rowsFromCsv,
  toBankQuestion,
} from '../../worker/domain/quiz-import.ts';
import { addDays } from '../../worker/domain/china-time.ts';
import { attemptOptionIds } from '../../worker/domain/quiz-option-ids.ts';
import {
  countedAnswers,
  drawQuestions,
  maskName,
  optionOrder,
  scoreAttempt,
  seededRandom,
  streakOf,
} from '../../worker/domain/quiz.ts';
import { csvDocument, parseCsv } from '../../worker/lib/csv.ts';

const categories = ['急救', '献血', '疫苗', '传染病', '慢性病'];
const bank = categories.flatMap((category, c) => Array.from({ length: 10 }, (_, i) => ({ id: `q${c}${i}`, category })));
const seed = (personId: string, day = '2026-08-01') => ({ seasonId: 's1', day, personId });
const categoryOf = (id: string) => bank.find((entry) => entry.id === id)!.category;

describe('seededRandom', () => {
  it('repeats for the same seed and differs for another', () => {
    const a = seededRandom('x');
    const b = seededRandom('x');
    const c = seededRandom('y');
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
    expect(first.every((n) => n >= 0 && n < 1)).toBe(true);
  });
});

describe('drawQuestions', () => {
  it('is the same for the same season, day and player, whatever order the bank comes in', () => {
    const drawn = drawQuestions(bank, 5, seed('p1'));
    expect(drawQuestions([...bank].reverse(), 5, seed('p1'))).toEqual(drawn);
    expect(drawQuestions(bank, 5, seed('p1', '2026-08-02'))).not.toEqual(drawn);
  });

  it('gives different players different draws', () => {
    const draws = new Set(Array.from({ length: 20 }, (_, i) => drawQuestions(bank, 5, seed(`p${i}`)).join()));
    expect(draws.size).toBeGreaterThan(15);
  });

  it('never repeats a question and spreads a day over the categories', () => {
    for (let i = 0; i < 50; i++) {
      const five = drawQuestions(bank, 5, seed(`p${i}`));
      expect(new Set(five).size).toBe(5);
      expect(new Set(five.map(categoryOf)).size).toBe(5);
      const seven = drawQuestions(bank, 7, seed(`p${i}`));
      const perCategory = categories.map((category) => seven.filter((id) => categoryOf(id) === category).length);
      expect(Math.min(...perCategory)).toBe(1);
      expect(Math.max(...perCategory)).toBe(2);
    }
  });

  it('takes the whole bank when it is smaller than a day, and keeps going when one category runs out', () => {
    const small = [
      { id: 'a', category: '急救' },
      { id: 'b', category: '献血' },
      { id: 'c', category: '献血' },
      { id: 'd', category: '献血' },
    ];
    expect(drawQuestions(small, 10, seed('p1')).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(new Set(drawQuestions(small, 3, seed('p1'))).size).toBe(3);
    expect(drawQuestions([], 5, seed('p1'))).toEqual([]);
  });
});

describe('optionOrder', () => {
  const options = ['A', 'B', 'C', 'D'];
  const at = (personId: string) => ({ ...seed(personId), questionId: 'q1' });

  it('shuffles choices per player, the same way each time', () => {
    expect(optionOrder('single', options, at('p1'))).toEqual(optionOrder('single', options, at('p1')));
    const orders = new Set(
      Array.from({ length: 30 }, (_, i) => optionOrder('multiple', options, at(`p${i}`)).join('')),
    );
    expect(orders.size).toBeGreaterThan(5);
    for (const order of orders) expect([...order].sort().join('')).toBe('ABCD');
  });

  it('keeps true before false', () => {
    for (let i = 0; i < 10; i++)
      expect(optionOrder('truefalse', ['正确', '错误'], at(`p${i}`))).toEqual(['正确', '错误']);
  });
});

describe('scoreAttempt', () => {
  const questions = [
    { id: 'single', answerIds: ['b'] },
    { id: 'multi', answerIds: ['a', 'c'] },
    { id: 'tf', answerIds: ['t'] },
  ];

  it('counts a multiple-choice question only when exactly right', () => {
    const answers = (multi: string[]) => [
      { questionId: 'single', optionIds: ['b'] },
      { questionId: 'multi', optionIds: multi },
      { questionId: 'tf', optionIds: ['f'] },
    ];
    expect(scoreAttempt(questions, answers(['c', 'a']), 10)).toMatchObject({ score: 20, correct: 2, total: 3 });
    expect(scoreAttempt(questions, answers(['a']), 10).score).toBe(10);
    expect(scoreAttempt(questions, answers(['a', 'b', 'c']), 10).score).toBe(10);
    expect(scoreAttempt(questions, answers(['a', 'a']), 10).score).toBe(10);
  });

  it('scores unanswered questions as wrong and reveals every answer', () => {
    const scored = scoreAttempt(questions, [], 5);
    expect(scored).toMatchObject({ score: 0, correct: 0, total: 3 });
    expect(scored.results).toEqual([
      { questionId: 'single', correct: false, answerIds: ['b'] },
      { questionId: 'multi', correct: false, answerIds: ['a', 'c'] },
      { questionId: 'tf', correct: false, answerIds: ['t'] },
    ]);
  });
});

describe('countedAnswers', () => {
  const saved = { a: ['a1'], b: ['b1'] };
  const submitted = [
    { questionId: 'b', optionIds: ['b2'] },
    { questionId: 'c', optionIds: ['c1'] },
  ];

  it('takes the saved answers, and on time the submit’s own over them', () => {
    expect(countedAnswers(saved, submitted, false)).toEqual([
      { questionId: 'a', optionIds: ['a1'] },
      { questionId: 'b', optionIds: ['b2'] },
      { questionId: 'c', optionIds: ['c1'] },
    ]);
    expect(countedAnswers(null, submitted, false)).toEqual(submitted);
  });

  it('takes only the saved answers of a late submit', () => {
    expect(countedAnswers(saved, submitted, true)).toEqual([
      { questionId: 'a', optionIds: ['a1'] },
      { questionId: 'b', optionIds: ['b1'] },
    ]);
    expect(countedAnswers(null, submitted, true)).toEqual([]);
  });
});

describe('streakOf', () => {
  const before = (day: string) => addDays(day, -1);

  it('counts the days in a row up to today, or up to yesterday before today is played', () => {
    const days = ['2026-08-07', '2026-08-08', '2026-08-09', '2026-08-05'];
    expect(streakOf(days, '2026-08-09', before)).toBe(3);
    expect(streakOf(days, '2026-08-10', before)).toBe(3);
    expect(streakOf([...days, '2026-08-10'], '2026-08-10', before)).toBe(4);
  });

  it('is reset by a missed day', () => {
    expect(streakOf(['2026-08-07', '2026-08-08'], '2026-08-10', before)).toBe(0);
    expect(streakOf(['2026-08-07', '2026-08-08', '2026-08-10'], '2026-08-10', before)).toBe(1);
    expect(streakOf([], '2026-08-10', before)).toBe(0);
  });
});

describe('attemptOptionIds', () => {
  const questions = [{ options: [{ id: 'o1' }, { id: 'o2' }] }, { options: [{ id: 'o3' }] }];

  it('gives each attempt ids of its own and maps them back', async () => {
    const first = await attemptOptionIds('key-one', questions);
    const second = await attemptOptionIds('key-two', questions);
    for (const id of ['o1', 'o2', 'o3']) {
      expect(first.shown(id)).not.toBe(id);
      expect(first.shown(id)).not.toBe(second.shown(id));
      expect(first.own(first.shown(id))).toBe(id);
      expect(second.own(first.shown(id))).toBeUndefined();
    }
    expect((await attemptOptionIds('key-one', questions)).shown('o2')).toBe(first.shown('o2'));
  });
});

describe('maskName', () => {
  it('keeps the first character only', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('李')).toBe('李*');
    expect(maskName(' 王五 ')).toBe('王*');
    expect(maskName('𠀀明')).toBe('𠀀*');
    expect(maskName('')).toBe('*');
  });
});

describe('parseCsv', () => {
  it('reads quoted commas, line breaks and doubled quotes, and says where each record starts', () => {
    const text = '\uFEFFa,b\r\n"x, y","line one\nline two"\r\n"say ""hi""",z\n\nlast,row';
    expect(parseCsv(text)).toEqual([
      { line: 1, cells: ['a', 'b'], complete: true },
      { line: 2, cells: ['x, y', 'line one\nline two'], complete: true },
      { line: 4, cells: ['say "hi"', 'z'], complete: true },
      { line: 5, cells: [''], complete: true },
      { line: 6, cells: ['last', 'row'], complete: true },
    ]);
  });

  it('marks a quote that never closes', () => {
    expect(parseCsv('a,b\n"open,c\nd,e\n')).toEqual([
      { line: 1, cells: ['a', 'b'], complete: true },
      { line: 2, cells: ['open,c\nd,e\n'], complete: false },
    ]);
  });
});

describe('csvDocument', () => {
  it('writes BOM, CRLF, quotes where needed, and neutralises formula-like text', () => {
    const document = csvDocument(
      ['名次', '姓名'],
      [
        [1, '=HYPERLINK("x")'],
        [2, '+1'],
        [3, '-2'],
        [4, '@a'],
        [5, '\tb'],
        [6, '张,三'],
        [7, 'ok'],
      ],
    );
    expect(document).toBe(
      '\uFEFF名次,姓名\r\n1,"\'=HYPERLINK(""x"")"\r\n2,\'+1\r\n3,\'-2\r\n4,\'@a\r\n5,\'\tb\r\n6,"张,三"\r\n7,ok\r\n',
    );
  });
});

describe('question import rows', () => {
  const good = {
    type: 'single',
    stem: '成人心肺复苏胸外按压的频率是？',
    options: ['60–80 次/分', '100–120 次/分'],
    answers: [1],
    explanation: '指南建议 100–120 次/分。',
    category: '急救',
  };

  it('accepts the three types, true/false with its default options', () => {
    expect(checkQuestion(good)).toEqual({ question: { ...good, answers: [1] } });
    expect(checkQuestion({ type: 'multiple', stem: 'x', options: ['a', 'b', 'c'], answers: [2, 0] })).toEqual({
      question: {
        type: 'multiple',
        stem: 'x',
        options: ['a', 'b', 'c'],
        answers: [0, 2],
        explanation: '',
        category: '',
      },
    });
    expect(checkQuestion({ type: '判断', stem: '献血有害健康。', answers: [1] })).toMatchObject({
      question: { type: 'truefalse', options: ['正确', '错误'], answers: [1] },
    });
  });

  it('names every problem of a bad row', () => {
    const problems = (input: unknown) =>
      'problems' in checkQuestion(input)
        ? (checkQuestion(input) as { problems: { message: string }[] }).problems.map((p) => p.message)
        : [];
    expect(problems('text')).toEqual(['quiz_row_not_object']);
    expect(problems({ ...good, type: 'essay', stem: '' })).toEqual(['quiz_type_invalid', 'quiz_stem_invalid']);
    expect(problems({ ...good, options: ['only one'], answers: [0] })).toEqual(['quiz_options_count']);
    expect(problems({ ...good, options: ['a', 'a'] })).toEqual(['quiz_options_duplicate']);
    expect(problems({ ...good, options: ['a', 5] })).toEqual(['quiz_option_invalid']);
    expect(problems({ ...good, answers: [2] })).toEqual(['quiz_answers_invalid']);
    expect(problems({ ...good, answers: [] })).toEqual(['quiz_answers_invalid']);
    expect(problems({ ...good, answers: [0, 1] })).toEqual(['quiz_one_answer']);
    expect(problems({ ...good, type: 'multiple', answers: [0] })).toEqual(['quiz_multiple_answers']);
    expect(problems({ ...good, type: 'truefalse', options: ['对', '错', '不知道'] })).toEqual([
      'quiz_truefalse_options',
    ]);
    expect(problems({ ...good, explanation: 'x'.repeat(1001), category: 'y'.repeat(21) })).toEqual([
      'quiz_explanation_invalid',
      'quiz_category_invalid',
    ]);
  });

  it('refuses a stem already seen in the same import, naming its line', () => {
    const rows = checkRows([
      { line: 2, input: good },
      { line: 3, input: { ...good, stem: '另一题' } },
      { line: 4, input: good },
    ]);
    expect(rows.map((row) => ('problems' in row ? row.problems : 'ok'))).toEqual([
      'ok',
      'ok',
      [{ message: 'quiz_duplicate_in_file', params: { line: 2 } }],
    ]);
  });

  it('gives the bank its own option ids and keeps the answer key as those ids', () => {
    let n = 0;
    const question = toBankQuestion({ ...good, type: 'single', answers: [1] }, () => `id${n++}`);
    expect(question.options).toEqual([
      { id: 'id0', text: '60–80 次/分' },
      { id: 'id1', text: '100–120 次/分' },
    ]);
    expect(question.id).toBe('id2');
    expect(question.answerIds).toEqual(['id1']);
  });

  it('reads answer letters as organizers write them', () => {
    expect(answerLetters('A', 'single')).toEqual([0]);
    expect(answerLetters('ac', 'multiple')).toEqual([0, 2]);
    expect(answerLetters('A, C', 'multiple')).toEqual([0, 2]);
    expect(answerLetters('B、D', 'multiple')).toEqual([1, 3]);
    expect(answerLetters('对', 'truefalse')).toEqual([0]);
    expect(answerLetters('错误', 'truefalse')).toEqual([1]);
    expect(answerLetters('E', 'single')).toBeNull();
    expect(answerLetters('对', 'single')).toBeNull();
  });
});

describe('rowsFromCsv', () => {
  const header = 'type,stem,option_a,option_b,option_c,option_d,answers,explanation,category';

  it('turns records into rows with the line each starts on', () => {
    const csv = `\uFEFF${header}\r\nsingle,"献血前应该：","空腹","吃清淡早餐",,,B,"献血前不要空腹，
也不要吃油腻食物。",献血\r\nmultiple,哪些是流感的预防措施？,接种疫苗,勤洗手,多吃抗生素,戴口罩,ABD,,传染病\r\n判断,AED 只能由医生使用。,,,,,错,"公众也可以使用 AED。",急救\r\n`;
    const read = rowsFromCsv(csv);
    expect('rows' in read && read.rejected).toEqual([]);
    const rows = 'rows' in read ? read.rows : [];
    expect(rows.map((row) => row.line)).toEqual([2, 4, 5]);
    expect(checkRows(rows).map((row) => ('question' in row ? row.question : row.problems))).toEqual([
      {
        type: 'single',
        stem: '献血前应该：',
        options: ['空腹', '吃清淡早餐'],
        answers: [1],
        explanation: '献血前不要空腹，\n也不要吃油腻食物。',
        category: '献血',
      },
      {
        type: 'multiple',
        stem: '哪些是流感的预防措施？',
        options: ['接种疫苗', '勤洗手', '多吃抗生素', '戴口罩'],
        answers: [0, 1, 3],
        explanation: '',
        category: '传染病',
      },
      {
        type: 'truefalse',
        stem: 'AED 只能由医生使用。',
        options: ['正确', '错误'],
        answers: [1],
        explanation: '公众也可以使用 AED。',
        category: '急救',
      },
    ]);
  });

  it('refuses a row with a gap between options, an extra column or an open quote, by line', () => {
    const csv = `${header}\nsingle,题一,a,,c,,A,,\nsingle,题二,a,b,,,A,,,extra\nsingle,题三,a,b,,,Z,,\nsingle,"题四,a,b,,,A,,\n`;
    const read = rowsFromCsv(csv);
    if (!('rows' in read)) throw new Error('header refused');
    expect(read.rejected).toEqual([
      { line: 3, problems: [{ message: 'quiz_csv_columns', params: { found: 10, expected: 9 } }] },
      { line: 5, problems: [{ message: 'quiz_csv_unclosed_quote' }] },
    ]);
    expect(
      checkRows(read.rows).map((row) => [row.line, 'problems' in row ? row.problems.map((p) => p.message) : 'ok']),
    ).toEqual([
      [2, ['quiz_option_invalid']],
      [4, ['quiz_answers_invalid']],
    ]);
  });

  it('needs the header', () => {
    expect(rowsFromCsv('type,stem,answers\nsingle,x,A\n')).toMatchObject({
      headerProblem: { message: 'quiz_csv_header' },
    });
    expect(rowsFromCsv('')).toMatchObject({ headerProblem: { message: 'quiz_csv_header' } });
  });
});
