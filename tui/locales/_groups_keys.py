"""Catalogue keys of the groups part (groups, members, sessions, attendance, observations).

To be merged into en.py and id.py: KEYS = {key: (English, Bahasa Indonesia)}.
"""

KEYS: dict[str, tuple[str, str]] = {
    # -- validation --------------------------------------------------------------------
    "problem.unknown_client_code": (
        "No client in your caseload has the code {code}.",
        "Tidak ada klien dengan kode {code} di daftar kasus Anda.",
    ),
    "problem.code_is_client": (
        "{code} is one of your clients: add them with c (client), not as a participant.",
        "{code} adalah klien Anda: tambahkan dengan c (klien), bukan sebagai peserta.",
    ),
    "problem.not_a_member": (
        "Not a member of this group (any more).",
        "Bukan (lagi) anggota kelompok ini.",
    ),
    "problem.attended_after": (
        "Attended a session after this date (on {date}).",
        "Masih hadir di sesi setelah tanggal ini (pada {date}).",
    ),
    # -- keys --------------------------------------------------------------------------
    "key.new_group": ("New group", "Kelompok baru"),
    "key.new_session": ("New session", "Sesi baru"),
    "key.add_client_member": ("Add client", "Tambah klien"),
    "key.add_participant": ("Add participant", "Tambah peserta"),
    "key.member_left": ("Left group", "Keluar kelompok"),
    "key.remove_member": ("Remove (added by mistake)", "Hapus (salah tambah)"),
    "key.attendance_summary": ("Attendance", "Kehadiran"),
    "key.edit_group": ("Edit group", "Ubah kelompok"),
    "key.edit_session": ("Edit session", "Ubah sesi"),
    "key.attendance": ("Attendance", "Kehadiran"),
    "key.observations": ("Observations", "Pengamatan"),
    "key.open_session": ("Open session", "Buka sesi"),
    "key.mark_present": ("Present", "Hadir"),
    "key.mark_late": ("Late", "Terlambat"),
    "key.mark_excused": ("Excused", "Izin"),
    "key.mark_absent": ("Absent", "Tidak hadir"),
    "key.rest_present": ("Rest present", "Sisanya hadir"),
    "key.clear_mark": ("Clear mark", "Hapus tanda"),
    "key.clear_rating": ("Clear rating", "Hapus nilai"),
    # -- the list of groups ------------------------------------------------------------
    "groups.title": ("Groups", "Kelompok"),
    "groups.empty": (
        "No groups yet. Press n to start one (for example a journaling group).",
        "Belum ada kelompok. Tekan n untuk membuatnya (misalnya kelompok jurnaling).",
    ),
    "groups.help": (
        "Your groups, such as a journaling or support group. n starts a new one; Enter "
        "opens the highlighted group.",
        "Kelompok Anda, seperti kelompok jurnaling atau kelompok dukungan. n membuat yang "
        "baru; Enter membuka kelompok yang dipilih.",
    ),
    "groups.col.name": ("Group", "Kelompok"),
    "groups.col.members": ("Members now", "Anggota kini"),
    "groups.col.sessions": ("Sessions", "Sesi"),
    "groups.col.last_session": ("Last session", "Sesi terakhir"),
    "groups.kind.client": ("client", "klien"),
    "groups.kind.participant": ("participant", "peserta"),
    # -- the group form ----------------------------------------------------------------
    "group_form.title_new": ("New group", "Kelompok baru"),
    "group_form.title_edit": ("Group: {name}", "Kelompok: {name}"),
    "group_form.help": (
        "The group's name, who facilitates it, and what it is for. Members and sessions "
        "are added on the group's page.",
        "Nama kelompok, siapa fasilitatornya, dan apa tujuannya. Anggota dan sesi "
        "ditambahkan di halaman kelompok.",
    ),
    "group_form.name": ("Name", "Nama"),
    "group_form.name.placeholder": ("e.g. Journaling group", "mis. Kelompok jurnaling"),
    "group_form.facilitator": ("Facilitator", "Fasilitator"),
    "group_form.purpose": ("Purpose", "Tujuan kelompok"),
    "group_form.purpose.hint": (
        "What the group is for, e.g. recreation and social support through expressive "
        "writing.",
        "Untuk apa kelompok ini, mis. rekreasi dan dukungan sosial melalui menulis "
        "ekspresif.",
    ),
    "group_form.saved": ("Group {name} saved.", "Kelompok {name} disimpan."),
    # -- one group ---------------------------------------------------------------------
    "group.title": ("Group: {name}", "Kelompok: {name}"),
    "group.help": (
        "The group's members and sessions. c adds one of your clients by code, p another "
        "participant known only by a code; x records that the highlighted member left; d "
        "removes a member added by mistake. n starts a session (its form, then attendance, "
        "then observations); Enter opens a session, or the client's case from the members "
        "list; s shows attendance over all sessions; e edits the group. Tab moves between "
        "the two lists.",
        "Anggota dan sesi kelompok. c menambah klien Anda dengan kodenya, p peserta lain "
        "yang hanya dikenal dengan kode; x mencatat bahwa anggota yang dipilih keluar; d "
        "menghapus anggota yang salah ditambahkan. n memulai sesi (formulirnya, lalu "
        "kehadiran, lalu pengamatan); Enter membuka sesi, atau kasus klien dari daftar "
        "anggota; s menampilkan kehadiran di semua sesi; e mengubah kelompok. Tab berpindah "
        "antara kedua daftar.",
    ),
    "group.facilitator": ("Facilitator: {name}", "Fasilitator: {name}"),
    "group.members": ("Members: {now} now, {total} in all",
                      "Anggota: {now} kini, {total} seluruhnya"),
    "group.sessions": ("Sessions, newest first", "Sesi, terbaru di atas"),
    "group.no_sessions": ("No sessions yet: press n.", "Belum ada sesi: tekan n."),
    "group.col.code": ("Code", "Kode"),
    "group.col.kind": ("Kind", "Jenis"),
    "group.col.joined": ("Joined", "Bergabung"),
    "group.col.left": ("Left", "Keluar"),
    "group.col.attended": ("Attended", "Hadir"),
    "group.col.topic": ("Topic", "Topik"),
    "group.col.attendance": ("Attendance", "Kehadiran"),
    "group.col.observed": ("Obs.", "Amat."),
    "group.marked": ("{marked}/{total} marked", "{marked}/{total} dicatat"),
    "group.only_a_code": (
        "{code} is known only by a code: there is no case to open.",
        "{code} hanya dikenal dengan kode: tidak ada kasus untuk dibuka.",
    ),
    "group.no_member_selected": ("Choose a member in the list first.",
                                 "Pilih dulu anggota di daftar."),
    "group.remove_recorded": (
        "{code} has attendance on record: press x to record that they left instead.",
        "Kehadiran {code} sudah tercatat: tekan x untuk mencatat bahwa ia keluar.",
    ),
    "group.remove.title": ("Remove member?", "Hapus anggota?"),
    "group.remove.text": (
        "Remove {code} from {group}? Use this only for someone added by mistake.",
        "Hapus {code} dari {group}? Gunakan hanya untuk anggota yang salah ditambahkan.",
    ),
    # -- joining and leaving -----------------------------------------------------------
    "member.title_client": ("{group}: add a client", "{group}: tambah klien"),
    "member.title_participant": ("{group}: add a participant", "{group}: tambah peserta"),
    "member.help": (
        "Who joins and from when. A client is added by the code on your caseload; anyone "
        "else by a code only, never a name.",
        "Siapa yang bergabung dan sejak kapan. Klien ditambahkan dengan kode di daftar "
        "kasus Anda; orang lain hanya dengan kode, jangan nama.",
    ),
    "member.code": ("Code", "Kode"),
    "member.code.hint_client": ("The client's code, as on your caseload (e.g. MA).",
                                "Kode klien, seperti di daftar kasus Anda (mis. MA)."),
    "member.code.hint_participant": (
        "A code for someone who is not your client (e.g. P-01); never a name.",
        "Kode untuk orang yang bukan klien Anda (mis. P-01); jangan nama.",
    ),
    "member.joined": ("Joined on", "Bergabung pada"),
    "member.added": ("{code} joined {group}.", "{code} bergabung dengan {group}."),
    "member.left": ("Left on", "Keluar pada"),
    "member.left.title": ("{group}: {code} leaves", "{group}: {code} keluar"),
    "member.left.help": (
        "The last day the member belonged to the group. Their attendance before it stays "
        "on record; later sessions no longer list them.",
        "Hari terakhir anggota ini termasuk dalam kelompok. Kehadirannya sebelum itu tetap "
        "tercatat; sesi sesudahnya tidak lagi mencantumkannya.",
    ),
    "member.left.hint": ("Empty: still a member.", "Kosong: masih anggota."),
    "member.left.saved": ("{code} left the group.", "{code} keluar dari kelompok."),
    # -- the session form and page -----------------------------------------------------
    "session_form.title_new": ("{group}: new session", "{group}: sesi baru"),
    "session_form.title_edit": ("{group}: session of {date}", "{group}: sesi {date}"),
    "session_form.help": (
        "When the session was held, its topic and activity, the materials, and your "
        "reflection as facilitator. Ctrl+S saves and goes on to attendance.",
        "Kapan sesi diadakan, topik dan kegiatannya, bahan, dan refleksi Anda sebagai "
        "fasilitator. Ctrl+S menyimpan lalu lanjut ke kehadiran.",
    ),
    "session_form.date": ("Date", "Tanggal"),
    "session_form.topic": ("Topic", "Topik"),
    "session_form.topic.placeholder": ("e.g. The lowest point of my life",
                                       "mis. Titik terendah dalam hidupku"),
    "session_form.activity": ("Activity", "Kegiatan"),
    "session_form.activity.hint": (
        "What participants did, e.g. write down the lowest point of your life and decorate "
        "it, then tell the group.",
        "Apa yang dilakukan peserta, mis. menuliskan titik terendah dalam hidup lalu "
        "menghiasnya, kemudian menceritakannya kepada kelompok.",
    ),
    "session_form.materials": ("Materials", "Bahan"),
    "session_form.materials.placeholder": (
        "e.g. paper, scissors, glue, newspaper clippings, origami paper",
        "mis. kertas, gunting, lem, guntingan koran, kertas origami",
    ),
    "session_form.reflection": ("Reflection", "Refleksi"),
    "session_form.reflection.hint": (
        "The facilitator's reflection. Markdown: # heading, - list, **bold**.",
        "Refleksi fasilitator. Markdown: # judul, - daftar, **tebal**.",
    ),
    "session_form.saved": ("Session \"{topic}\" saved.", "Sesi \"{topic}\" disimpan."),
    "session.title": ("{group} · {date}", "{group} · {date}"),
    "session.help": (
        "Everything recorded about this session. e edits its details and reflection, a "
        "takes attendance, o the observations of those who took part, d deletes the "
        "session.",
        "Semua yang tercatat tentang sesi ini. e mengubah rincian dan refleksinya, a "
        "mencatat kehadiran, o pengamatan peserta yang hadir, d menghapus sesi.",
    ),
    "session.attendance": ("Attendance", "Kehadiran"),
    "session.observations": ("Observations", "Pengamatan"),
    "session.reflection": ("Facilitator's reflection", "Refleksi fasilitator"),
    "session.no_reflection": ("No reflection written yet (e).",
                              "Belum ada refleksi (e)."),
    "session.no_observations": ("No observations yet (o).", "Belum ada pengamatan (o)."),
    "session.no_roster": (
        "No one belonged to the group on this date.",
        "Tidak ada anggota kelompok pada tanggal ini.",
    ),
    "session.engagement": ("engagement {rating}", "keterlibatan {rating}"),
    "session.delete.title": ("Delete this session?", "Hapus sesi ini?"),
    "session.delete.text": (
        "Delete the session \"{topic}\" of {date}, with its attendance and observations? "
        "This cannot be undone.",
        "Hapus sesi \"{topic}\" tanggal {date}, beserta kehadiran dan pengamatannya? "
        "Ini tidak dapat dibatalkan.",
    ),
    # -- attendance ----------------------------------------------------------------------
    "attendance.title": ("Attendance: {session}", "Kehadiran: {session}"),
    "attendance.help": (
        "One row per member on the session's date. p present, l late, e excused, a absent: "
        "each marks the row and moves down. r marks everyone still unmarked present; "
        "Backspace clears a row. Ctrl+S saves and goes on to the observations.",
        "Satu baris per anggota pada tanggal sesi. p hadir, l terlambat, e izin, a tidak "
        "hadir: masing-masing menandai baris lalu turun. r menandai semua yang belum "
        "ditandai sebagai hadir; Backspace menghapus tanda. Ctrl+S menyimpan lalu lanjut "
        "ke pengamatan.",
    ),
    "attendance.unmarked": ("not marked", "belum ditandai"),
    "attendance.unmarked_count": ("not marked {count}", "belum ditandai {count}"),
    "attendance.not_member": ("not a member", "bukan anggota"),
    "attendance.not_recorded": ("not recorded", "tidak tercatat"),
    "attendance.no_roster": (
        "No one belonged to the group on this date. Add members on the group's page (c, p) "
        "with a joined date on or before it.",
        "Tidak ada anggota kelompok pada tanggal ini. Tambahkan anggota di halaman "
        "kelompok (c, p) dengan tanggal bergabung paling lambat tanggal sesi.",
    ),
    "attendance.saved": ("Attendance saved: {counts}", "Kehadiran disimpan: {counts}"),
    "attendance.discard": (
        "The attendance marked on this grid has not been saved and will be lost.",
        "Kehadiran yang ditandai di sini belum disimpan dan akan hilang.",
    ),
    "attendance.drop.title": ("Remove observations?", "Hapus pengamatan?"),
    "attendance.drop.text": (
        "{codes} no longer took part (excused or absent), so their observations of this "
        "session will be removed.",
        "{codes} kini tercatat tidak ikut (izin atau tidak hadir), jadi pengamatannya di "
        "sesi ini akan dihapus.",
    ),
    "attendance.drop.confirm": ("Save and remove", "Simpan dan hapus"),
    "attendance.client_line": ("{group}: {attended} of {total} sessions",
                               "{group}: {attended} dari {total} sesi"),
    "attendance.left_on": ("(left {date})", "(keluar {date})"),
    # -- observations ----------------------------------------------------------------------
    "observations.title": ("Observations: {session}", "Pengamatan: {session}"),
    "observations.help": (
        "One observation for each participant present or late. In the list, 1–5 rate "
        "engagement (1 withdrawn … 5 fully engaged) and move down; 0 clears. Tab goes to "
        "the fields, which follow the person under the cursor. Ctrl+S saves them all.",
        "Satu pengamatan untuk setiap peserta yang hadir atau terlambat. Di daftar, 1–5 "
        "menilai keterlibatan (1 menarik diri … 5 sangat terlibat) lalu turun; 0 menghapus. "
        "Tab ke kolom isian, yang mengikuti orang yang dipilih. Ctrl+S menyimpan semuanya.",
    ),
    "observations.keys": ("1–5: engagement\nTab: the notes", "1–5: keterlibatan\nTab: catatan"),
    "observations.nobody": (
        "No one was present or late, so there is no one to observe.",
        "Tidak ada yang hadir atau terlambat, jadi tidak ada yang diamati.",
    ),
    "observations.saved": ("{count} observation(s) saved.", "{count} pengamatan disimpan."),
    "observations.discard": (
        "The observations typed here have not been saved and will be lost.",
        "Pengamatan yang diketik di sini belum disimpan dan akan hilang.",
    ),
    "observation.emotions": ("Emotions", "Emosi"),
    "observation.emotions.placeholder": ("emotions expressed",
                                         "emosi yang diungkapkan"),
    "observation.support_given": ("Support given", "Dukungan diberikan"),
    "observation.support_received": ("Support received", "Dukungan diterima"),
    "observation.note": ("Note", "Catatan"),
    "engagement.1": ("withdrawn", "menarik diri"),
    "engagement.2": ("hesitant", "ragu-ragu"),
    "engagement.3": ("taking part", "ikut serta"),
    "engagement.4": ("engaged", "terlibat"),
    "engagement.5": ("fully engaged", "sangat terlibat"),
    # -- the attendance summary -----------------------------------------------------------
    "summary.title": ("Attendance: {name}", "Kehadiran: {name}"),
    "summary.help": (
        "Each member's attendance over the sessions, oldest on the left. ←/→ move through "
        "the sessions while the member and rate stay in view; the line below names the "
        "session under the cursor, and Enter opens it. The rate counts present and late "
        "out of the sessions recorded for the member.",
        "Kehadiran tiap anggota di semua sesi, yang terlama di kiri. ←/→ berpindah antar "
        "sesi sementara anggota dan persentasenya tetap terlihat; baris di bawah menyebut "
        "sesi yang dipilih, dan Enter membukanya. Persentase menghitung hadir dan "
        "terlambat dari sesi yang tercatat untuk anggota itu.",
    ),
    "summary.col.rate": ("Rate", "Persentase"),
    "summary.attended": ("Took part", "Ikut"),
    "summary.session": ("{date}: {topic}", "{date}: {topic}"),
    "summary.empty": ("No sessions or no members yet.", "Belum ada sesi atau anggota."),
}
