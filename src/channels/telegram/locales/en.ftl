welcome =
    Welcome to <b>Asisten ASN</b>.
    Ask anything about civil-service rules: discipline, neutrality, social media, performance (SKP), ethics, leave. Every answer names the regulation and article.

    Link your account with the code from HR: <code>/daftar CODE</code>
welcome-linked = Welcome back, { $name }. Ask your question.
help =
    <b>What I can do</b>
    • Type a question, e.g.: <i>what is the penalty for missing 5 days of work?</i>
    • /topik — example questions by topic
    • /cekpost — check a draft social-media post before posting (the draft is not stored)
    • /lapor — report a problem to your supervisor or HR (your identity is protected)
    • /saya — your profile
    • /daftar CODE — link your account with the code from HR
    • /keluar — unlink this Telegram account
    • /bahasa — Bahasa Indonesia / English
    • /batal — cancel the current step
link-usage = Send the code from HR like this: <code>/daftar ABCD-EFGH</code>
link-ok = Account linked. Hello, { $name } ({ $nip }). You can now get reminders and send reports.
link-invalid = Unknown code. Check the code from HR again (case does not matter).
link-expired = This code has expired. Ask HR for a new one.
link-used = This code was already used. Ask HR for a new one.
link-locked = Too many wrong codes. Try again in { $minutes } minutes.
link-other-account = This Telegram account is linked to another employee. Send /keluar first if it must change.
profile =
    <b>{ $name }</b>
    NIP: { $nip }
    Unit: { $unit }
    Position: { $position }
    Direct supervisor: { $supervisor }
profile-unlinked = This Telegram account is not linked yet. Send <code>/daftar CODE</code> with the code from HR.
unlink-ok = This Telegram account is no longer linked to your employee record. You can still ask about regulations.
unlink-none = This Telegram account was not linked.
need-link = This is for employees whose account is linked. Send <code>/daftar CODE</code> with the code from HR.
unlinked-questions-off = This account is not linked, so it cannot ask yet. Send <code>/daftar CODE</code> with the code from HR.
topics = Choose a topic to see example questions:
topic-examples = Example questions about <b>{ $topic }</b> (tap to ask):
rate-thanks-up = Thank you for rating 👍
rate-thanks-down = Thank you. HR will review this answer 👎
rate-refused = This rating cannot be accepted.
rate-up = 👍 Helpful
rate-down = 👎 Not right
language-choose = Choose a language:
language-set = Language set to English.
unsupported = I can only read text messages. Type your question, or /bantuan.
flood = Too many messages in a short time. Wait a moment, then send one question.
error = Sorry, something went wrong on our side. Please try again shortly.
cancelled = Cancelled.
nothing-to-cancel = Nothing is in progress.
report-start = <b>Report</b> (type /batal at any time)
    What is your report about?
report-category-disiplin = Discipline
report-category-netralitas = Neutrality
report-category-medsos = Neutrality / social media
report-category-pungli = Illegal levies / gifts
report-category-lainnya = Other
report-subject = Who or what is it about? (name, position or unit)
report-description = Briefly describe what happened: when, where, what.
report-too-long = Too long (more than { $max } characters). Please shorten it.
report-recipient = Who should receive the report?
report-recipient-atasan = My supervisor
report-recipient-sdm = HR team
report-reveal = May your name be told to the reported person's supervisor? It is never told to the reported person.
report-reveal-yes = Yes
report-reveal-no = No, keep it confidential
report-confirm =
    <b>Check your report</b>
    Topic: { $category }
    About: { $subject }
    What happened: { $description }
    Sent to: { $recipient }
    Reporter's identity: { $reveal }
report-send = Send
report-cancel = Cancel
report-reveal-shown = may be told to their supervisor
report-reveal-hidden = confidential
report-sent = Report #{ $id } recorded and forwarded. Thank you; your identity is protected.
report-use-buttons = Choose one of the buttons above, or type /batal.
kpi-start = <b>Work log { $date }</b> (type /batal to stop)
    What did you work on today?
kpi-week-empty = No work logged this week yet. Start with /kinerja.
kpi-week-title = <b>This week's work</b> ({ $count } activities)
kpi-saved-more = Saved. Anything else today?
kpi-add = Add an activity
kpi-done = Done
kpi-next = Next activity?
kpi-finished = Thank you, today's work log is saved. See the week with /kinerja minggu.
kpi-target = Which SKP target is it for? (briefly, or "-" if none)
kpi-progress = How far along is it?
leave-usage = Write the leave dates like this: <code>/cuti 24-11-2026 26-11-2026</code> or <code>/cuti besok</code>.
leave-end-before-start = The end date cannot be before the start date.
leave-past = Leave can only be recorded from today on.
leave-too-long = At most { $max } days at a time; for long leave contact HR.
leave-saved = Leave recorded: { $range }. No reminders on those days. The formal leave request still goes through your supervisor/HR.
leave-range = { $start } to { $end }
leave-too-far = The start date is too far ahead: at most { $max } days from today.
leave-absence-recorded = On that day you are recorded as absent without leave; contact HR if that record is wrong.
leave-already = Leave { $range } was already recorded; it is not recorded twice.
reminder-recorded = Recorded: { $answer }
reminder-refused = This reminder is not for your account.
reminder-already = This reminder was already answered: { $answer }. The answer is not changed.
reminder-stale = The reminder of { $date } is over, so this answer is not recorded. For a correction, contact your supervisor or HR.
rate-already = Your rating is already recorded; the first rating counts.
button-stale = This button no longer works: its step is over or was cancelled.
private-only = This command concerns your personal data, so I only serve it in a private chat: in a group, every member reads along. Tap the button below to open a private chat with me. General questions about regulations can still be asked in this group by mentioning @{ $bot }.
private-only-code = Linking codes are secret: send them only in a private chat with me, never in a group. This code was not used. Since the group's members have seen it, ask HR for a new code and send it in the private chat.
private-only-open = Open a private chat
private-only-button = This button only works in a private chat with me.
cekpost-ask =
    <b>Check a draft post</b> (send /batal to stop)
    Send the text of your draft post, forward the post, or send a photo with its caption. The draft is checked for you only and is not stored.
cekpost-photo-only = I can only check text. Send the photo with the caption you will post, or describe the photo in words, e.g.: [photo: selfie in uniform with a two-finger pose].
cekpost-unavailable = The draft check is unavailable right now because HR needs to fix its data. Please try again later.
report-link = Send the link of the post or page you report, or type - if there is none.
report-link-invalid = A link starts with http:// or https://. Send it again, or type - if there is none.
report-evidence = Send screenshots (photos) as evidence, at most { $max }. Tap "Continue" when done or if there are none.
report-evidence-photo = Send a screenshot as a photo, or tap "Continue".
report-evidence-added = Screenshot { $count } of { $max } received. Send another, or tap "Continue".
report-evidence-full = That is { $max } screenshots, the limit. Tap "Continue".
report-evidence-too-big = This photo is larger than { $mb } MB. Send a smaller screenshot.
report-evidence-done = Continue
report-confirm-evidence =
    Link: { $link }
    Screenshots: { $count } files
