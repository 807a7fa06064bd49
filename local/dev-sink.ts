/**
 * Where subscription messages go in the local runtime instead of WeChat: kept in memory
 * so developers and tests can see exactly what would have been sent (GET /api/dev/outbox).
 */
export interface SentMessage {
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
  at: number;
}

export class DevSink {
  private readonly messages: SentMessage[] = [];

  deliver(message: SentMessage): void {
    this.messages.push(message);
  }

  sent(): SentMessage[] {
    return [...this.messages];
  }
}
