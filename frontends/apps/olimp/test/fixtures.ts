/** Olympiads, papers and boards as the olimp API answers them. */

export const student = { id: "s1", role: "student", first_name: "Ali" };
export const studentProfile = {
  student_profile: { grade: 6, birth_date: null, avatar: "lion", school_name: "" },
};

export function round(over: Record<string, unknown> = {}) {
  return {
    id: "r1",
    number: 1,
    opens_at: "2030-03-01T09:00:00Z",
    closes_at: "2030-03-01T11:00:00Z",
    duration_minutes: 60,
    start_bonus: 0,
    shuffle: true,
    freeze_minutes: 0,
    sections: [{ id: "sec1", position: 1, title: "3", points: 3, penalty: 0.75 }],
    ...over,
  };
}

export function olympiad(over: Record<string, unknown> = {}) {
  return {
    id: "o1",
    organizer_id: "admin",
    organization_id: null,
    title: { uz: "Kenguru matematika", ru: "Кенгуру", en: "" },
    description: { uz: "Bahorgi bosqich", ru: "", en: "" },
    subject: "math",
    grade_min: 5,
    grade_max: 7,
    scope: "country",
    region: null,
    district: "",
    capacity: null,
    requires_plan: false,
    registration_opens_at: "2030-02-01T00:00:00Z",
    registration_closes_at: "2030-03-01T09:00:00Z",
    state: "registration",
    server_time: "2030-02-15T10:00:00Z",
    registered: 3,
    tie_breaks: ["time"],
    rounds: [round()],
    ...over,
  };
}

export const page = (items: unknown[]) => ({ items, total: items.length, limit: 100, offset: 0 });

export const paperQuestions = [
  {
    id: "q1",
    section_id: "sec1",
    type: "single",
    text: "2 + 3 = ?",
    image_url: null,
    points: 3,
    language: "uz",
    options: [
      { id: "a", text: "5" },
      { id: "b", text: "6" },
    ],
  },
  {
    id: "q2",
    section_id: "sec1",
    type: "true_false",
    text: "7 tub son",
    image_url: null,
    points: 3,
    language: "uz",
    options: [],
  },
  {
    id: "q3",
    section_id: "sec1",
    type: "numeric",
    text: "6 × 7 = ?",
    image_url: null,
    points: 3,
    language: "uz",
    options: [],
  },
];

/** The deadline is years away from this device's clock: only the server's seconds_left counts. */
export function attempt(over: Record<string, unknown> = {}) {
  return {
    id: "at1",
    round_id: "r1",
    started_at: "2020-01-01T00:00:00Z",
    deadline: "2020-01-01T01:00:00Z",
    submitted_at: null,
    seconds_left: 600,
    questions: paperQuestions,
    answers: {},
    ...over,
  };
}

export function board(over: Record<string, unknown> = {}) {
  return {
    frozen: false,
    rows: [
      {
        rank: 1,
        name: "Laylo K.",
        grade: 6,
        region: "tashkent_city",
        district: "Yunusobod",
        school: "12-maktab",
        score: 12,
        seconds: 300,
        you: false,
      },
      {
        rank: 2,
        name: "Ali V.",
        grade: 6,
        region: "tashkent_city",
        district: "Chilonzor",
        school: "5-maktab",
        score: 9,
        seconds: 420,
        you: true,
      },
    ],
    ...over,
  };
}

/** A WebSocket the test drives: opened, sent a board, closed with a code. */
export class FakeSocket {
  static all: FakeSocket[] = [];
  sent: string[] = [];
  closed = false;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.closed = true;
  }
  open() {
    this.onopen?.(new Event("open"));
  }
  receive(body: unknown) {
    this.onmessage?.(new MessageEvent("message", { data: JSON.stringify(body) }));
  }
  drop(code = 1006, reason = "") {
    this.onclose?.({ code, reason } as CloseEvent);
  }
}
