/** Reads aws-ses-v2-local's store: every email SES accepted, as the tests count them. */
export interface StoredEmail {
  readonly messageId: string;
  readonly from: string;
  readonly destination: { readonly to: readonly string[] };
  readonly replyTo: readonly string[];
  readonly subject: string;
  readonly body: { readonly text?: string; readonly html?: string };
  readonly headers?: readonly { readonly name: string; readonly value: string }[];
  readonly attachments: readonly {
    readonly filename?: string;
    readonly contentType: string;
    readonly content: string;
  }[];
}

export async function storedEmails(storeUrl: string): Promise<StoredEmail[]> {
  const response = await fetch(storeUrl);
  if (!response.ok) throw new Error(`The SES store answered ${response.status}`);
  const store = (await response.json()) as { emails: StoredEmail[] };
  return store.emails;
}

export async function emailsTo(storeUrl: string, address: string): Promise<StoredEmail[]> {
  const wanted = address.toLowerCase();
  return (await storedEmails(storeUrl)).filter((email) =>
    email.destination.to.some((to) => to.toLowerCase() === wanted),
  );
}

export function header(email: StoredEmail, name: string): string | undefined {
  return email.headers?.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase())?.value;
}
