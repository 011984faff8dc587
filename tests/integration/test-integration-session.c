/* test-integration-session.c — login, check-in, messages, the event stream, calls, recordings
 * through the event stream: src/api's BbhClient against the real babaihu-sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "integ-util.h"

/* ---- helpers ---- */

static BbhExtension *
login (IntegFixture  *f,
       BbhClient     *client,
       GError       **error)
{
  bbh_client_get_extension_async (client, NULL, integ_on_result_cb, f);
  return bbh_client_get_extension_finish (client, integ_wait (f), error);
}

static GListModel *
list_agents (IntegFixture *f)
{
  g_autoptr(GError) error = NULL;
  GListModel *agents;

  bbh_client_get_extensions_async (f->admin, NULL, integ_on_result_cb, f);
  agents = bbh_client_get_extensions_finish (f->admin, integ_wait (f), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (agents);
  return agents;
}

static BbhAgent *
find_agent (GListModel *agents,
            const char *extension)
{
  for (guint i = 0; i < g_list_model_get_n_items (agents); i++)
    {
      g_autoptr(BbhAgent) agent = g_list_model_get_item (agents, i);

      if (g_strcmp0 (bbh_agent_get_extension (agent), extension) == 0)
        return g_steal_pointer (&agent);
    }
  return NULL;
}

/* A fresh password for @extension, from the administrator (initExtensionPassword). */
static char *
reset_password (IntegFixture *f,
                const char   *extension)
{
  g_autoptr(GListModel) agents = list_agents (f);
  g_autoptr(BbhAgent) agent = find_agent (agents, extension);
  g_autoptr(GError) error = NULL;
  char *password;

  g_assert_nonnull (agent);
  bbh_client_init_extension_password_async (f->admin, bbh_agent_get_id (agent), NULL,
                                            integ_on_result_cb, f);
  password = bbh_client_init_extension_password_finish (f->admin, integ_wait (f), &error);
  g_assert_no_error (error);
  g_assert_nonnull (password);
  return password;
}

static BbhCallRecord *
find_record (IntegFixture *f,
             BbhClient    *client,
             const char   *phone,
             gint64        cdr_id)
{
  g_autoptr(BbhCallRecordQuery) query = bbh_call_record_query_new ();
  g_autoptr(GListModel) records = NULL;
  g_autoptr(GError) error = NULL;
  guint64 total = 0;

  /* What the SDK does after a hang-up (PROTOCOL.md): phoneNum, scdrId, limit=1. */
  bbh_call_record_query_set_phone (query, phone);
  bbh_call_record_query_set_id (query, cdr_id);
  bbh_call_record_query_set_page (query, 0, 1);
  bbh_client_find_dial_record_async (client, query, NULL, integ_on_result_cb, f);
  records = bbh_client_find_dial_record_finish (client, integ_wait (f), &total, &error);
  g_assert_no_error (error);
  g_assert_nonnull (records);
  if (g_list_model_get_n_items (records) == 0)
    return NULL;
  g_assert_cmpuint (total, >=, 1);
  return g_list_model_get_item (records, 0);
}

static GBytes *
download (IntegFixture *f,
          const char   *url,
          GError      **error)
{
  g_autoptr(GFile) dest = NULL;
  g_autofree char *path = NULL;
  char *contents = NULL;
  gsize length = 0;

  path = g_build_filename (f->scratch_dir, "download.bin", NULL);
  dest = g_file_new_for_path (path);
  bbh_client_download_async (f->agent, url, dest, NULL, NULL, NULL, NULL, integ_on_result_cb, f);
  if (!bbh_client_download_finish (f->agent, integ_wait (f), error))
    return NULL;
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_unlink (path);
  return g_bytes_new_take (contents, length);
}

static gboolean
is_mp3 (GBytes *bytes)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  if (size >= 3 && memcmp (data, "ID3", 3) == 0)
    return TRUE;
  /* An MPEG audio frame header starts with 11 set sync bits. */
  return size >= 2 && data[0] == 0xFF && (data[1] & 0xE0) == 0xE0;
}

typedef struct
{
  const char         *phone;
  BbhCallRecordQuery *query;
} MissedCall;

static gboolean
record_exists (IntegFixture *f,
               gpointer      user_data)
{
  MissedCall *wait = user_data;
  g_autoptr(GListModel) records = NULL;
  g_autoptr(GError) error = NULL;

  bbh_client_find_dial_record_async (f->agent, wait->query, NULL, integ_on_result_cb, f);
  records = bbh_client_find_dial_record_finish (f->agent, integ_wait (f), NULL, &error);
  g_assert_no_error (error);
  return g_list_model_get_n_items (records) > 0;
}

/* ---- login ---- */

static void
test_login (IntegFixture  *f,
            gconstpointer  data)
{
  g_autoptr(BbhExtension) agent = NULL;
  g_autoptr(BbhExtension) admin = NULL;
  g_autoptr(GError) error = NULL;

  agent = login (f, f->agent, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bbh_extension_get_id (agent), >, 0);
  g_assert_cmpstr (bbh_extension_get_extension (agent), ==, INTEG_AGENT_EXTENSION);
  g_assert_cmpstr (bbh_extension_get_company_number (agent), ==, INTEG_COMPANY);
  g_assert_cmpstr (bbh_extension_get_name (agent), !=, "");
  g_assert_cmpstr (bbh_extension_get_company_name (agent), !=, "");
  g_assert_false (bbh_extension_get_is_admin (agent));
  /* The long poll needs the login line (PROTOCOL.md "Events"). */
  g_assert_nonnull (bbh_extension_get_login_line (agent));

  admin = login (f, f->admin, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bbh_extension_get_extension (admin), ==, "899");
  g_assert_cmpint (bbh_extension_get_status (admin), ==, 2);
  g_assert_true (bbh_extension_get_is_admin (admin));
  g_assert_cmpint (bbh_extension_get_id (admin), !=, bbh_extension_get_id (agent));
}

static void
test_login_wrong_password (IntegFixture  *f,
                           gconstpointer  data)
{
  g_autoptr(BbhClient) wrong = integ_client_new (f, INTEG_AGENT, "not-the-password");
  g_autoptr(BbhClient) nobody = integ_client_new (f, "100008777", INTEG_AGENT_PASSWORD);
  g_autoptr(BbhExtension) ext = NULL;
  g_autoptr(GError) error = NULL;

  ext = login (f, wrong, &error);
  g_assert_error (error, BBH_ERROR, BBH_ERROR_AUTH);
  g_assert_null (ext);
  g_clear_error (&error);

  ext = login (f, nobody, &error);
  g_assert_error (error, BBH_ERROR, BBH_ERROR_AUTH);
  g_assert_null (ext);
  g_clear_error (&error);

  /* Not only login: every method checks the password. */
  bbh_client_get_memos_async (wrong, "13800000000", 0, 10, NULL, integ_on_result_cb, f);
  g_assert_null (bbh_client_get_memos_finish (wrong, integ_wait (f), NULL, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_AUTH);
}

/* ---- setUserCheckInOut ---- */

static gboolean
check_in (IntegFixture    *f,
          BbhClient       *client,
          const char      *exten,
          BbhCheckStatus   status,
          GError         **error)
{
  bbh_client_set_user_check_in_out_async (client, exten, status, NULL, integ_on_result_cb, f);
  return bbh_client_set_user_check_in_out_finish (client, integ_wait (f), error);
}

static const char *
status_text_of (IntegFixture *f,
                const char   *extension,
                char        **out_text)
{
  g_autoptr(GListModel) agents = list_agents (f);
  g_autoptr(BbhAgent) agent = find_agent (agents, extension);

  g_assert_nonnull (agent);
  *out_text = g_strdup (bbh_agent_get_status_text (agent));
  return *out_text;
}

static void
test_check_in_out (IntegFixture  *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *checked_in = NULL;
  g_autofree char *checked_out = NULL;

  /* The agent checks itself in and out. */
  g_assert_true (check_in (f, f->agent, NULL, BBH_CHECK_IN, &error));
  g_assert_no_error (error);
  g_assert_true (check_in (f, f->agent, NULL, BBH_CHECK_OUT, &error));
  g_assert_no_error (error);

  /* An agent may not check a colleague in. */
  g_assert_false (check_in (f, f->agent, "801", BBH_CHECK_IN, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_PERMISSION);
  g_clear_error (&error);

  /* The administrator may, and the board (getExtensions' statustext) shows it. A colleague
   * the demo data has on a call shows "in a call" either way: take one who is not. */
  {
    static const char * const candidates[] = { "805", "806", "807", "808", "802", "803", "804" };
    const char *exten = NULL;

    for (guint i = 0; i < G_N_ELEMENTS (candidates) && exten == NULL; i++)
      {
        g_clear_pointer (&before, g_free);
        status_text_of (f, candidates[i], &before);
        if (!g_str_equal (before, "通话中") && !g_str_equal (before, "振铃中")
            && !g_str_equal (before, "禁用"))
          exten = candidates[i];
      }
    g_assert_nonnull (exten);

    g_assert_true (check_in (f, f->admin, exten, BBH_CHECK_IN, &error));
    g_assert_no_error (error);
    status_text_of (f, exten, &checked_in);
    g_assert_true (check_in (f, f->admin, exten, BBH_CHECK_OUT, &error));
    g_assert_no_error (error);
    status_text_of (f, exten, &checked_out);
    g_test_message ("%s: %s, then %s, then %s", exten, before, checked_in, checked_out);
    g_assert_cmpstr (checked_in, !=, checked_out);
  }
}

/* ---- sendMsg, recvMsg, getLongWaterLine ---- */

static gboolean
send_msg (IntegFixture  *f,
          int            kind,
          int            client,
          const char    *phone,
          const char    *content,
          gint64         time_ms,
          GError       **error)
{
  bbh_client_send_msg_async (f->agent, kind, client, phone, content, time_ms, 0, 0, 0, NULL,
                             integ_on_result_cb, f);
  return bbh_client_send_msg_finish (f->agent, integ_wait (f), error);
}

static GListModel *
recv_msg (IntegFixture  *f,
          gint64         water_line,
          gint64        *out_watermark)
{
  g_autoptr(GError) error = NULL;
  GListModel *msgs;

  bbh_client_recv_msg_async (f->agent, water_line, 100, NULL, integ_on_result_cb, f);
  msgs = bbh_client_recv_msg_finish (f->agent, integ_wait (f), out_watermark, &error);
  g_assert_no_error (error);
  g_assert_nonnull (msgs);
  return msgs;
}

static void
test_send_recv_msg (IntegFixture  *f,
                    gconstpointer  data)
{
  g_autofree char *phone = integ_unique_phone ();
  g_autoptr(GListModel) first = NULL;
  g_autoptr(GListModel) again = NULL;
  g_autoptr(GListModel) later = NULL;
  g_autoptr(BbhEvent) mine = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = 0, watermark = 0, after = 0;
  gint64 time_ms = g_get_real_time () / 1000;

  first = recv_msg (f, 0, &start);
  g_assert_cmpint (start, >=, 0);

  /* The agent's phone app says it dials: the desktop (client 1) hears of it. */
  g_assert_true (send_msg (f, BBH_EVENT_KIND_OUTGOING_CALL, BBH_CLIENT_TYPE_PHONE, phone,
                           "{status:0,talkTimes:0}", time_ms, &error));
  g_assert_no_error (error);

  later = recv_msg (f, start, &watermark);
  g_assert_cmpint (watermark, >, start);
  for (guint i = 0; i < g_list_model_get_n_items (later); i++)
    {
      g_autoptr(BbhEvent) event = g_list_model_get_item (later, i);

      if (g_strcmp0 (bbh_event_get_phone (event), phone) == 0)
        {
          g_assert_null (mine);
          mine = g_steal_pointer (&event);
        }
    }
  g_assert_nonnull (mine);
  g_assert_cmpint (bbh_event_get_kind (mine), ==, BBH_EVENT_KIND_OUTGOING_CALL);
  g_assert_true (bbh_event_is_ringing (mine));
  g_assert_cmpint (bbh_event_get_time_ms (mine), ==, time_ms);
  g_assert_cmpint (bbh_event_get_watermark (mine), >, start);
  g_assert_cmpint (bbh_event_get_watermark (mine), <=, watermark);

  /* From the new watermark there is nothing more. */
  again = recv_msg (f, watermark, &after);
  g_assert_cmpuint (g_list_model_get_n_items (again), ==, 0);
  g_assert_cmpint (after, >=, watermark);
}

static void
on_sent_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (bbh_client_send_msg_finish (BBH_CLIENT (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static gboolean
flag_set (gpointer user_data)
{
  return *(gboolean *) user_data;
}

static void
test_long_poll (IntegFixture  *f,
                gconstpointer  data)
{
  g_autofree char *phone = integ_unique_phone ();
  g_autoptr(BbhExtension) ext = NULL;
  g_autoptr(GListModel) msgs = NULL;
  g_autoptr(GAsyncResult) held = NULL;
  g_autoptr(BbhEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BbhClient) phone_app = integ_client_new (f, INTEG_AGENT, INTEG_AGENT_PASSWORD);
  gint64 start = 0, watermark = 0;
  gint64 sent_us;
  gboolean sent = FALSE;

  ext = login (f, f->agent, &error);
  g_assert_no_error (error);
  g_clear_object (&msgs);
  msgs = recv_msg (f, 0, &start);

  /* The long poll is held while nothing happens… */
  bbh_client_get_long_water_line_async (f->agent, start, bbh_extension_get_login_line (ext),
                                        NULL, integ_on_result_cb, f);
  /* …and answers as soon as a message comes: sent by the phone app, on another client. */
  bbh_client_send_msg_async (phone_app, BBH_EVENT_KIND_INCOMING_CALL, BBH_CLIENT_TYPE_PHONE,
                             phone, "{status:1,talkTimes:0}", g_get_real_time () / 1000, 0,
                             0, 0, NULL, on_sent_cb, &sent);
  sent_us = g_get_monotonic_time ();
  held = g_object_ref (integ_wait (f));
  g_clear_object (&msgs);
  msgs = bbh_client_get_long_water_line_finish (f->agent, held, &watermark, &error);
  g_assert_no_error (error);
  g_assert_true (integ_spin_until (flag_set, &sent, INTEG_TIMEOUT_MS));
  g_test_message ("long poll answered %" G_GINT64_FORMAT " ms after the message",
                  (g_get_monotonic_time () - sent_us) / 1000);

  g_assert_cmpuint (g_list_model_get_n_items (msgs), ==, 1);
  event = g_list_model_get_item (msgs, 0);
  g_assert_cmpstr (bbh_event_get_phone (event), ==, phone);
  g_assert_cmpint (bbh_event_get_kind (event), ==, BBH_EVENT_KIND_INCOMING_CALL);
  g_assert_true (bbh_event_is_answered (event));
  g_assert_cmpint (watermark, >, start);
}

/* ---- a scripted call through the event stream, its record and its recording ---- */

static void
test_call_events (IntegFixture  *f,
                  gconstpointer  data)
{
  g_autoptr(IntegEvents) events = integ_events_start (f->agent);
  g_autofree char *phone = integ_unique_phone ();
  g_autoptr(BbhCallRecord) record = NULL;
  g_autoptr(GBytes) wav = NULL;
  g_autoptr(GBytes) mp3 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wav_url = NULL;
  g_autofree char *mp3_url = NULL;
  BbhEvent *ring, *answer, *hangup;
  gint64 cdr_id;
  guint i_ring = G_MAXUINT, i_answer = G_MAXUINT, i_hangup = G_MAXUINT;

  cdr_id = integ_script_call (f, INTEG_AGENT, phone, FALSE, 300, 1200, TRUE);

  ring = integ_events_wait (events, phone, INTEG_STEP_RING, INTEG_TIMEOUT_MS);
  answer = integ_events_wait (events, phone, INTEG_STEP_ANSWER, INTEG_TIMEOUT_MS);
  hangup = integ_events_wait (events, phone, INTEG_STEP_HANGUP, INTEG_TIMEOUT_MS);

  g_ptr_array_find (events->events, ring, &i_ring);
  g_ptr_array_find (events->events, answer, &i_answer);
  g_ptr_array_find (events->events, hangup, &i_hangup);
  g_assert_cmpuint (i_ring, <, i_answer);
  g_assert_cmpuint (i_answer, <, i_hangup);
  /* Once each. */
  g_assert_cmpuint (integ_events_count (events, phone, INTEG_STEP_RING), ==, 1);
  g_assert_cmpuint (integ_events_count (events, phone, INTEG_STEP_ANSWER), ==, 1);
  g_assert_cmpuint (integ_events_count (events, phone, INTEG_STEP_HANGUP), ==, 1);

  for (guint i = 0; i < 3; i++)
    {
      BbhEvent *event = (BbhEvent *[]) { ring, answer, hangup }[i];

      g_assert_cmpint (bbh_event_get_kind (event), ==, BBH_EVENT_KIND_INCOMING_CALL);
      g_assert_false (bbh_event_get_backlog (event));
      /* The record does not exist before the hang-up: -1 (PROTOCOL.md), or already the id. */
      g_assert_true (bbh_event_get_cdr_id (event) == cdr_id || bbh_event_get_cdr_id (event) == -1);
    }
  g_assert_cmpint (bbh_event_get_cdr_id (hangup), ==, cdr_id);
  g_assert_cmpint (bbh_event_get_talk_seconds (hangup), >=, 1);
  g_assert_cmpint (bbh_event_get_watermark (ring), <, bbh_event_get_watermark (answer));
  g_assert_cmpint (bbh_event_get_watermark (answer), <, bbh_event_get_watermark (hangup));
  g_assert_cmpint (bbh_event_stream_get_watermark (events->stream), >=,
                   bbh_event_get_watermark (hangup));

  /* findDialrecord scdrId finds the call. */
  record = find_record (f, f->agent, phone, cdr_id);
  g_assert_nonnull (record);
  g_assert_cmpint (bbh_call_record_get_id (record), ==, cdr_id);
  g_assert_cmpstr (bbh_call_record_get_phone (record), ==, phone);
  g_assert_cmpint (bbh_call_record_get_direction (record), ==, BBH_CALL_DIRECTION_IN);
  /* cdrExtension: the 3-digit extension or the 9-digit account, the document does not say. */
  g_assert_true (g_str_has_suffix (bbh_call_record_get_extension (record), INTEG_AGENT_EXTENSION));
  g_assert_cmpint (bbh_call_record_get_talk_time (record), ==, bbh_event_get_talk_seconds (hangup));
  g_assert_nonnull (bbh_call_record_get_start_date_time (record));
  g_assert_nonnull (bbh_call_record_get_success_date_time (record));
  g_assert_nonnull (bbh_call_record_get_hangup_date_time (record));
  g_assert_true (bbh_call_record_has_recording (record));

  /* Its recording downloads, as stored (WAV)… */
  wav_url = bbh_client_dup_recording_url (f->agent, bbh_call_record_get_record_file (record));
  g_assert_nonnull (wav_url);
  wav = download (f, wav_url, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (wav), >, 44);
  g_assert_cmpmem (g_bytes_get_data (wav, NULL), 4, "RIFF", 4);
  g_assert_cmpmem ((const char *) g_bytes_get_data (wav, NULL) + 8, 4, "WAVE", 4);

  /* …and as MP3. */
  mp3_url = bbh_client_dup_mp3_url (f->agent, cdr_id);
  mp3 = download (f, mp3_url, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (mp3), >, 128);
  g_assert_true (is_mp3 (mp3));

  g_assert_cmpuint (events->errors->len, ==, 0);
}

static void
test_missed_call (IntegFixture  *f,
                  gconstpointer  data)
{
  g_autoptr(IntegEvents) events = integ_events_start (f->agent);
  g_autofree char *phone = integ_unique_phone ();
  g_autoptr(BbhCallRecord) record = NULL;
  BbhEvent *hangup;
  gint64 cdr_id;

  /* Nobody answers: ring, then hang-up, and a record without talk or recording. */
  cdr_id = integ_script_call (f, INTEG_AGENT, phone, FALSE, 300, 0, TRUE);
  integ_events_wait (events, phone, INTEG_STEP_RING, INTEG_TIMEOUT_MS);
  hangup = integ_events_wait (events, phone, INTEG_STEP_HANGUP, INTEG_TIMEOUT_MS);
  g_assert_cmpint (bbh_event_get_cdr_id (hangup), ==, cdr_id);
  g_assert_cmpuint (integ_events_count (events, phone, INTEG_STEP_ANSWER), ==, 0);

  record = find_record (f, f->agent, phone, cdr_id);
  g_assert_nonnull (record);
  g_assert_cmpint (bbh_call_record_get_talk_time (record), ==, 0);
  g_assert_false (bbh_call_record_has_recording (record));
}

static void
test_outgoing_call (IntegFixture  *f,
                    gconstpointer  data)
{
  g_autoptr(IntegEvents) events = integ_events_start (f->agent);
  g_autofree char *phone = integ_unique_phone ();
  g_autoptr(BbhCallRecord) record = NULL;
  BbhEvent *ring;
  gint64 cdr_id;

  cdr_id = integ_script_call (f, INTEG_AGENT, phone, TRUE, 200, 500, FALSE);
  ring = integ_events_wait (events, phone, INTEG_STEP_RING, INTEG_TIMEOUT_MS);
  g_assert_cmpint (bbh_event_get_kind (ring), ==, BBH_EVENT_KIND_OUTGOING_CALL);
  integ_events_wait (events, phone, INTEG_STEP_HANGUP, INTEG_TIMEOUT_MS);

  record = find_record (f, f->agent, phone, cdr_id);
  g_assert_nonnull (record);
  g_assert_cmpint (bbh_call_record_get_direction (record), ==, BBH_CALL_DIRECTION_OUT);
  g_assert_false (bbh_call_record_has_recording (record));
}

static void
test_poll_transport (IntegFixture  *f,
                     gconstpointer  data)
{
  g_autoptr(IntegEvents) events = NULL;
  g_autofree char *phone = integ_unique_phone ();
  BbhEvent *hangup;
  gint64 cdr_id;

  /* recvMsg polling instead of the long poll: the same call, the same events. */
  events = integ_events_start_with (f->agent, BBH_EVENT_TRANSPORT_POLL, 200, 0);
  g_assert_cmpint (bbh_event_stream_get_active_transport (events->stream), ==,
                   BBH_EVENT_TRANSPORT_POLL);

  cdr_id = integ_script_call (f, INTEG_AGENT, phone, FALSE, 300, 600, FALSE);
  integ_events_wait (events, phone, INTEG_STEP_RING, INTEG_TIMEOUT_MS);
  integ_events_wait (events, phone, INTEG_STEP_ANSWER, INTEG_TIMEOUT_MS);
  hangup = integ_events_wait (events, phone, INTEG_STEP_HANGUP, INTEG_TIMEOUT_MS);
  g_assert_cmpint (bbh_event_get_cdr_id (hangup), ==, cdr_id);
  g_assert_cmpuint (integ_events_count (events, phone, INTEG_STEP_RING), ==, 1);
  g_assert_cmpuint (integ_events_count (events, phone, INTEG_STEP_ANSWER), ==, 1);
  g_assert_cmpuint (integ_events_count (events, phone, INTEG_STEP_HANGUP), ==, 1);
}

static void
test_restart_keeps_watermark (IntegFixture  *f,
                              gconstpointer  data)
{
  g_autoptr(IntegEvents) first = integ_events_start (f->agent);
  g_autoptr(IntegEvents) again = NULL;
  g_autofree char *seen = integ_unique_phone ();
  g_autofree char *missed = integ_unique_phone ();
  BbhEvent *event;
  gint64 stored;

  /* A call while the app runs… */
  integ_script_call (f, INTEG_AGENT, seen, FALSE, 100, 200, FALSE);
  integ_events_wait (first, seen, INTEG_STEP_HANGUP, INTEG_TIMEOUT_MS);
  stored = bbh_event_stream_get_watermark (first->stream);
  g_assert_cmpint (stored, >, 0);
  g_clear_pointer (&first, integ_events_free);

  /* …one while it is closed… */
  integ_script_call (f, INTEG_AGENT, missed, FALSE, 100, 200, FALSE);
  {
    /* The call is over on the server before the app comes back: wait for its record. */
    g_autoptr(BbhCallRecordQuery) query = bbh_call_record_query_new ();
    MissedCall wait = { missed, query };

    bbh_call_record_query_set_phone (query, missed);
    g_assert_true (integ_poll_until (f, record_exists, &wait, 100, INTEG_TIMEOUT_MS));
  }

  /* …and back with its stored watermark: the missed call arrives, as backlog, once; the
   * one it saw does not come again. */
  again = integ_events_start_with (f->agent, BBH_EVENT_TRANSPORT_AUTO, 1000, stored);
  event = integ_events_wait (again, missed, INTEG_STEP_HANGUP, INTEG_TIMEOUT_MS);
  g_assert_true (bbh_event_get_backlog (event));
  g_assert_cmpuint (integ_events_count (again, missed, INTEG_STEP_RING), ==, 1);
  g_assert_cmpuint (integ_events_count (again, seen, INTEG_STEP_RING), ==, 0);
  g_assert_cmpuint (integ_events_count (again, seen, INTEG_STEP_HANGUP), ==, 0);
}

/* ---- answering, hanging up and transferring from the desktop ---- */

static void
test_answer_and_hangup (IntegFixture  *f,
                        gconstpointer  data)
{
  g_autoptr(IntegEvents) events = integ_events_start (f->agent);
  g_autofree char *phone = integ_unique_phone ();
  g_autoptr(GError) error = NULL;
  BbhEvent *hangup;
  gint64 cdr_id;
  gint64 answered_us, hung_up_us;

  /* It would ring for a minute and talk for ten: only the desktop ends it sooner. */
  cdr_id = integ_script_call (f, INTEG_AGENT, phone, FALSE, 60000, 600000, TRUE);
  integ_events_wait (events, phone, INTEG_STEP_RING, INTEG_TIMEOUT_MS);

  /* sendMsg kind 6 from the desktop answers (PROTOCOL.md "Calls the agent places"). */
  answered_us = g_get_monotonic_time ();
  g_assert_true (send_msg (f, BBH_EVENT_KIND_ANSWERED, BBH_CLIENT_TYPE_PC, phone, "",
                           g_get_real_time () / 1000, &error));
  g_assert_no_error (error);
  integ_events_wait (events, phone, INTEG_STEP_ANSWER, INTEG_TIMEOUT_MS);
  g_assert_cmpint (g_get_monotonic_time () - answered_us, <, 30 * G_USEC_PER_SEC);

  /* hangupExten ends the call. */
  hung_up_us = g_get_monotonic_time ();
  bbh_client_hangup_exten_async (f->agent, phone, NULL, integ_on_result_cb, f);
  g_assert_true (bbh_client_hangup_exten_finish (f->agent, integ_wait (f), &error));
  g_assert_no_error (error);
  hangup = integ_events_wait (events, phone, INTEG_STEP_HANGUP, INTEG_TIMEOUT_MS);
  g_assert_cmpint (g_get_monotonic_time () - hung_up_us, <, 30 * G_USEC_PER_SEC);
  g_assert_cmpint (bbh_event_get_cdr_id (hangup), ==, cdr_id);

  /* Nothing left to hang up. */
  bbh_client_hangup_exten_async (f->agent, phone, NULL, integ_on_result_cb, f);
  g_assert_false (bbh_client_hangup_exten_finish (f->agent, integ_wait (f), &error));
  g_assert_nonnull (error);
  g_test_message ("hanging up no call: %s", error->message);
}

static void
test_hangup_by_send_msg (IntegFixture  *f,
                         gconstpointer  data)
{
  g_autoptr(IntegEvents) events = integ_events_start (f->agent);
  g_autofree char *phone = integ_unique_phone ();
  g_autoptr(GError) error = NULL;
  BbhEvent *hangup;
  gint64 cdr_id;

  cdr_id = integ_script_call (f, INTEG_AGENT, phone, FALSE, 200, 600000, FALSE);
  integ_events_wait (events, phone, INTEG_STEP_ANSWER, INTEG_TIMEOUT_MS);

  /* sendMsg kind 7 from the desktop hangs up. */
  g_assert_true (send_msg (f, BBH_EVENT_KIND_HUNG_UP, BBH_CLIENT_TYPE_PC, phone, "",
                           g_get_real_time () / 1000, &error));
  g_assert_no_error (error);
  hangup = integ_events_wait (events, phone, INTEG_STEP_HANGUP, INTEG_TIMEOUT_MS);
  g_assert_cmpint (bbh_event_get_cdr_id (hangup), ==, cdr_id);
}

static void
test_transfer (IntegFixture  *f,
               gconstpointer  data)
{
  g_autofree char *password = reset_password (f, "801");
  g_autoptr(BbhClient) colleague = integ_client_new (f, INTEG_COMPANY "801", password);
  g_autoptr(IntegEvents) events = integ_events_start (f->agent);
  g_autoptr(IntegEvents) colleague_events = integ_events_start (colleague);
  g_autofree char *phone = integ_unique_phone ();
  g_autoptr(GError) error = NULL;
  BbhEvent *hangup;
  gint64 cdr_id;

  cdr_id = integ_script_call (f, INTEG_AGENT, phone, FALSE, 200, 600000, FALSE);
  integ_events_wait (events, phone, INTEG_STEP_ANSWER, INTEG_TIMEOUT_MS);

  /* transferExten hands the caller to 801: it ends here and rings there. */
  bbh_client_transfer_exten_async (f->agent, "801", NULL, integ_on_result_cb, f);
  g_assert_true (bbh_client_transfer_exten_finish (f->agent, integ_wait (f), &error));
  g_assert_no_error (error);
  hangup = integ_events_wait (events, phone, INTEG_STEP_HANGUP, INTEG_TIMEOUT_MS);
  g_assert_cmpint (bbh_event_get_cdr_id (hangup), ==, cdr_id);
  integ_events_wait (colleague_events, phone, INTEG_STEP_RING, INTEG_TIMEOUT_MS);

  /* Transferring to nobody fails. */
  bbh_client_transfer_exten_async (colleague, "777", NULL, integ_on_result_cb, f);
  g_assert_false (bbh_client_transfer_exten_finish (colleague, integ_wait (f), &error));
  g_assert_nonnull (error);

  g_clear_pointer (&colleague_events, integ_events_free);
  g_clear_object (&f->result);
  integ_assert_finalize (g_steal_pointer (&colleague));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/agent/integration/" path, IntegFixture, NULL, integ_set_up, func, integ_tear_down)

  ADD ("login", test_login);
  ADD ("login-wrong-password", test_login_wrong_password);
  ADD ("check-in-out", test_check_in_out);
  ADD ("send-recv-msg", test_send_recv_msg);
  ADD ("long-poll", test_long_poll);
  ADD ("call-events", test_call_events);
  ADD ("missed-call", test_missed_call);
  ADD ("outgoing-call", test_outgoing_call);
  ADD ("poll-transport", test_poll_transport);
  ADD ("restart-keeps-watermark", test_restart_keeps_watermark);
  ADD ("answer-and-hangup", test_answer_and_hangup);
  ADD ("hangup-by-send-msg", test_hangup_by_send_msg);
  ADD ("transfer", test_transfer);

#undef ADD

  return g_test_run ();
}
