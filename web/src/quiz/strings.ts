// The quiz pages' texts, in Chinese and English. They load with the quiz pages, not with the
// citizen pages everyone opens first.
import { catalogue } from '../foundation/strings.ts';

type QuestionType = 'single' | 'multiple' | 'truefalse';

const zhCN = {
  quizTitle: '每日答题',
  rulesTitle: '答题规则',
  rules: (questions: number, seconds: number, points: number) => [
    `每天一次，每次 ${questions} 道题，限时 ${formatSecondsZh(seconds)}。`,
    `每答对一题得 ${points} 分；多选题要选全且不选错才得分。`,
    '计时以服务器时间为准；每个答案选定即保存，换手机或关掉页面也能接着答。时间到自动交卷，截止前保存的答案都算数。',
  ],
  tieRule: '得分相同时，用时少的排名在前；再相同时，先交卷的在前。',
  season: (days: string) => `本赛季：${days}`,
  start: '开始答题',
  starting: '正在出题…',
  resume: '继续答题',
  resumeNote: '您今天的答题已经开始，计时没有停止。',
  notOpen: '本赛季今天不开放答题。',
  countingSaved: '今天的答题时间已经结束，正在按截止前保存的答案计分…',
  playedToday: (score: number) => `今天已答题，得分 ${score} 分。明天再来吧！`,
  needsProfile: '参加答题需要先完善个人资料：',
  completeProfile: '去填写个人资料',
  questionOf: (index: number, total: number) => `第 ${index} 题（共 ${total} 题）`,
  questionType: {
    single: '单选题：选一项',
    multiple: '多选题：选出所有正确的选项',
    truefalse: '判断题：判断对错',
  } as Record<QuestionType, string>,
  timeLeft: '剩余时间',
  timeLeftSpoken: (seconds: number) => `还剩 ${seconds} 秒`,
  answered: (count: number, total: number) => `已答 ${count} / ${total}`,
  previous: '上一题',
  next: '下一题',
  submit: '交卷',
  submitting: '正在交卷…',
  unansweredWarning: (numbers: number[]) => `第 ${numbers.join('、')} 题还没有作答。确定要交卷吗？`,
  submitAnyway: '确定交卷',
  keepAnswering: '继续作答',
  timeUp: '时间到，正在自动交卷…',
  submitFailed: '交卷没有成功，您的答案还在。',
  retrySubmit: '重新交卷',
  resultTitle: '答题结果',
  scoreLine: (score: number) => `${score} 分`,
  correctOf: (correct: number, total: number) => `答对 ${correct} 题，共 ${total} 题`,
  duration: (ms: number) => `用时 ${formatDurationZh(ms)}`,
  late: '交卷时已超过截止时间：只计截止前已保存的答案。',
  saving: '正在保存…',
  saved: '已保存',
  notSaved: '暂未保存，交卷时会一并提交。',
  seasonRank: (rank: number) => `赛季排名：第 ${rank} 名`,
  answersLater: (day: string) => `正确答案和解析将于 ${day} 0:00 公布，届时可在错题本中查看。`,
  streak: (days: number) => `已连续答题 ${days} 天`,
  mine: '我的答题',
  mistakesTitle: '错题本',
  mistakesIntro: '往日答错的题目，附正确答案和解析。当天的题目次日公布答案。',
  mistakesEmpty: '还没有错题。',
  practiceTitle: '练习',
  practiceIntro: '用往日答过的题目练习：不计分，不上榜。',
  practiceEmpty: '答过题后，从第二天起就可以用这些题目练习。',
  practiceCheck: '核对答案',
  practiceDone: (right: number, total: number) => `练习完成：答对 ${right} 题，共 ${total} 题（不计分）。`,
  practiceAgain: '再练一组',
  statsTitle: '我的赛季',
  statsSummary: (days: number, correct: number, questions: number) =>
    `答题 ${days} 天，答对 ${correct} 题，共 ${questions} 题`,
  accuracy: (percent: number) => `正确率 ${percent}%`,
  statsEmpty: '本赛季还没有答题记录。',
  day: '日期',
  rankAfter: '当天交卷后的赛季排名',
  right: '答对了',
  wrong: '答错了',
  yourChoice: '你的选择',
  rightAnswer: '正确答案',
  notAnswered: '未作答',
  explanation: '解析：',
  leaderboard: '排行榜',
  backToCampaign: '返回活动',

  leaderboardTitle: '答题排行榜',
  boardsLabel: '榜单',
  dayBoard: '今日榜',
  seasonBoard: '赛季总榜',
  wholeCity: '全市',
  district: '区县',
  show: '查看',
  boardCaption: (board: string, place: string) => `${board} · ${place}`,
  rank: '名次',
  player: '选手',
  score: '得分',
  time: '用时',
  points: (score: number) => `${score} 分`,
  seconds: (ms: number) => formatDurationZh(ms),
  myRank: '我的排名',
  rankNumber: (rank: number) => `第 ${rank} 名`,
  you: '（我）',
  notRanked: '您还没有上这个榜：完成今天的答题后就能看到自己的名次。',
  notOnThisBoard: '您不在这个榜上。',
  otherDistrict: (district: string) => `您在「${district}」的榜上。`,
  signInForRank: '登录后查看我的名次',
  emptyBoard: '还没有人上榜，快来做第一个！',
};

type QuizStrings = typeof zhCN;

function formatSecondsZh(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return minutes === 0 ? `${rest} 秒` : rest === 0 ? `${minutes} 分钟` : `${minutes} 分 ${rest} 秒`;
}

function formatDurationZh(ms: number): string {
  const seconds = Math.round(ms / 100) / 10;
  return seconds < 60 ? `${seconds.toFixed(1)} 秒` : `${Math.floor(seconds / 60)} 分 ${(seconds % 60).toFixed(1)} 秒`;
}

function formatSecondsEn(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return minutes === 0
    ? `${rest} seconds`
    : rest === 0
      ? `${minutes} minute${minutes === 1 ? '' : 's'}`
      : `${minutes} min ${rest} s`;
}

function formatDurationEn(ms: number): string {
  const seconds = Math.round(ms / 100) / 10;
  return seconds < 60 ? `${seconds.toFixed(1)} s` : `${Math.floor(seconds / 60)} min ${(seconds % 60).toFixed(1)} s`;
}

const en: QuizStrings = {
  quizTitle: 'Daily quiz',
  rulesTitle: 'How it works',
  rules: (questions, seconds, points) => [
    `Once a day: ${questions} questions in ${formatSecondsEn(seconds)}.`,
    `${points} points for each right answer; a multiple-choice question counts only with all its right options ` +
      'and no wrong one.',
    'The server keeps the time. Each answer is saved as you choose it: ' +
      'carry on after closing the page or on another phone. ' +
      'The quiz is submitted when time is up, and every answer saved before the deadline counts.',
  ],
  tieRule: 'On equal scores the faster player ranks higher, then the one who finished first.',
  season: (days) => `Season: ${days}`,
  start: 'Start the quiz',
  starting: 'Drawing your questions…',
  resume: 'Continue the quiz',
  resumeNote: 'You started today’s quiz already; the clock is still running.',
  notOpen: 'The season is not open for play today.',
  countingSaved: 'Time is up for today. Scoring the answers saved before the deadline…',
  playedToday: (score) => `You played today and scored ${score} points. Come back tomorrow!`,
  needsProfile: 'Complete your profile to play:',
  completeProfile: 'Complete my profile',
  questionOf: (index, total) => `Question ${index} of ${total}`,
  questionType: { single: 'Choose one answer', multiple: 'Choose every right answer', truefalse: 'True or false' },
  timeLeft: 'Time left',
  timeLeftSpoken: (seconds) => `${seconds} seconds left`,
  answered: (count, total) => `${count} of ${total} answered`,
  previous: 'Previous',
  next: 'Next',
  submit: 'Submit',
  submitting: 'Submitting…',
  unansweredWarning: (numbers) =>
    `Question${numbers.length === 1 ? '' : 's'} ${numbers.join(', ')} ${numbers.length === 1 ? 'has' : 'have'} ` +
    'no answer. Submit anyway?',
  submitAnyway: 'Submit anyway',
  keepAnswering: 'Keep answering',
  timeUp: 'Time is up. Submitting your answers…',
  submitFailed: 'Your answers were not submitted; they are still here.',
  retrySubmit: 'Submit again',
  resultTitle: 'Your result',
  scoreLine: (score) => `${score} points`,
  correctOf: (correct, total) => `${correct} of ${total} right`,
  duration: (ms) => `Time: ${formatDurationEn(ms)}`,
  late: 'Submitted after the deadline: only the answers saved before it count.',
  saving: 'Saving…',
  saved: 'Saved',
  notSaved: 'Not saved yet; it goes with the submit.',
  seasonRank: (rank) => `Season rank: No. ${rank}`,
  answersLater: (day) => `The right answers and explanations come on ${day} at 00:00, in your mistakes book.`,
  streak: (days) => `${days} day${days === 1 ? '' : 's'} in a row`,
  mine: 'My quiz',
  mistakesTitle: 'Mistakes book',
  mistakesIntro:
    'Questions you got wrong on earlier days, with the right answers and why. A day’s answers come the day after.',
  mistakesEmpty: 'No mistakes yet.',
  practiceTitle: 'Practice',
  practiceIntro: 'Practise with questions from your earlier days: no points, no board.',
  practiceEmpty: 'Once you have played, you can practise with those questions from the next day on.',
  practiceCheck: 'Check',
  practiceDone: (right, total) => `Practice done: ${right} of ${total} right (not scored).`,
  practiceAgain: 'Practise again',
  statsTitle: 'My season',
  statsSummary: (days, correct, questions) =>
    `${days} day${days === 1 ? '' : 's'} played, ${correct} of ${questions} questions right`,
  accuracy: (percent) => `${percent}% right`,
  statsEmpty: 'No games this season yet.',
  day: 'Day',
  rankAfter: 'Season rank after that day',
  right: 'Right',
  wrong: 'Wrong',
  yourChoice: 'Your answer',
  rightAnswer: 'Right answer',
  notAnswered: 'Not answered',
  explanation: 'Why: ',
  leaderboard: 'Leaderboard',
  backToCampaign: 'Back to the campaign',

  leaderboardTitle: 'Quiz leaderboard',
  boardsLabel: 'Boards',
  dayBoard: 'Today',
  seasonBoard: 'Season',
  wholeCity: 'Whole city',
  district: 'District',
  show: 'Show',
  boardCaption: (board, place) => `${board} · ${place}`,
  rank: 'Rank',
  player: 'Player',
  score: 'Score',
  time: 'Time',
  points: (score) => `${score} pts`,
  seconds: (ms) => formatDurationEn(ms),
  myRank: 'My rank',
  rankNumber: (rank) => `No. ${rank}`,
  you: ' (you)',
  notRanked: 'You are not on this board yet: play today’s quiz to see your rank.',
  notOnThisBoard: 'You are not on this board.',
  otherDistrict: (district) => `You are on the board of ${district}.`,
  signInForRank: 'Sign in to see your rank',
  emptyBoard: 'Nobody is on this board yet. Be the first!',
};

export const quizStrings = catalogue({ 'zh-CN': zhCN, en });
