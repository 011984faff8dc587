/* test-integration-records.c — call records, uploads, SMS, callbacks, voice verification,
 * number areas, SmartTel and "call next": src/api's BbhClient against the real babaihu-sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "integ-util.h"

/* ---- helpers ---- */

static GListModel *
find_records (IntegFixture       *f,
              BbhClient          *client,
              BbhCallRecordQuery *query,
              guint64            *out_total)
{
  g_autoptr(GError) error = NULL;
  GListModel *records;

  bbh_client_find_dial_record_async (client, query, NULL, integ_on_result_cb, f);
  records = bbh_client_find_dial_record_finish (client, integ_wait (f), out_total, &error);
  g_assert_no_error (error);
  g_assert_nonnull (records);
  return records;
}

/* How many records @query finds (and checks the total agrees with the page). */
static guint
count_records (IntegFixture       *f,
               BbhCallRecordQuery *query)
{
  g_autoptr(GListModel) records = NULL;
  guint64 total = 0;

  bbh_call_record_query_set_page (query, 0, 50);
  records = find_records (f, f->agent, query, &total);
  g_assert_cmpuint (total, ==, g_list_model_get_n_items (records));
  return g_list_model_get_n_items (records);
}

static BbhCallRecord *
record_for_phone (IntegFixture *f,
                  const char   *phone)
{
  g_autoptr(BbhCallRecordQuery) query = bbh_call_record_query_new ();
  g_autoptr(GListModel) records = NULL;
  guint64 total = 0;

  bbh_call_record_query_set_phone (query, phone);
  records = find_records (f, f->agent, query, &total);
  if (g_list_model_get_n_items (records) == 0)
    return NULL;
  g_assert_cmpuint (g_list_model_get_n_items (records), ==, 1);
  return g_list_model_get_item (records, 0);
}

static char *
format_time (GDateTime *time)
{
  return g_date_time_format (time, "%Y-%m-%d %H:%M:%S");
}

/* ---- findDialrecord ---- */

static void
test_dial_record_filters (IntegFixture  *f,
                          gconstpointer  data)
{
  g_autoptr(IntegEvents) events = integ_events_start (f->agent);
  g_autofree char *in_phone = integ_unique_phone ();
  g_autofree char *out_phone = integ_unique_phone ();
  g_autoptr(BbhCallRecordQuery) query = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) hour_ago = g_date_time_add_hours (now, -1);
  g_autoptr(GDateTime) hour_on = g_date_time_add_hours (now, 1);
  g_autoptr(GDateTime) two_days_ago = g_date_time_add_days (now, -2);
  g_autoptr(GDateTime) one_day_ago = g_date_time_add_days (now, -1);
  g_autoptr(GListModel) first = NULL;
  g_autoptr(GListModel) second = NULL;
  g_autoptr(GListModel) as_admin = NULL;
  const char * const mine[] = { INTEG_AGENT_EXTENSION, NULL };
  const char * const theirs[] = { "801", NULL };
  const char * const both[] = { "801", INTEG_AGENT_EXTENSION, NULL };
  guint64 total = 0, total2 = 0;

  /* An answered incoming call and an unanswered outgoing one. */
  integ_script_call (f, INTEG_AGENT, in_phone, FALSE, 100, 1200, FALSE);
  integ_script_call (f, INTEG_AGENT, out_phone, TRUE, 300, 0, FALSE);
  integ_events_wait (events, in_phone, INTEG_STEP_HANGUP, INTEG_TIMEOUT_MS);
  integ_events_wait (events, out_phone, INTEG_STEP_HANGUP, INTEG_TIMEOUT_MS);

#define RESET() G_STMT_START {                                 \
    g_clear_pointer (&query, bbh_call_record_query_free);           \
    query = bbh_call_record_query_new ();                           \
  } G_STMT_END

  /* By number. */
  RESET ();
  bbh_call_record_query_set_phone (query, in_phone);
  g_assert_cmpuint (count_records (f, query), ==, 1);

  /* By direction (cdrPeer). */
  RESET ();
  bbh_call_record_query_set_phone (query, out_phone);
  bbh_call_record_query_set_direction (query, BBH_CALL_DIRECTION_OUT);
  g_assert_cmpuint (count_records (f, query), ==, 1);
  bbh_call_record_query_set_direction (query, BBH_CALL_DIRECTION_IN);
  g_assert_cmpuint (count_records (f, query), ==, 0);

  /* By talk time: the answered call talked, the other did not. */
  RESET ();
  bbh_call_record_query_set_phone (query, in_phone);
  bbh_call_record_query_set_talk_time (query, BBH_TALK_TIME_LONGER, 0);
  g_assert_cmpuint (count_records (f, query), ==, 1);
  bbh_call_record_query_set_talk_time (query, BBH_TALK_TIME_SHORTER, 1);
  g_assert_cmpuint (count_records (f, query), ==, 0);
  bbh_call_record_query_set_phone (query, out_phone);
  bbh_call_record_query_set_talk_time (query, BBH_TALK_TIME_LONGER, 0);
  g_assert_cmpuint (count_records (f, query), ==, 0);

  /* By time: this hour, not two days ago. */
  RESET ();
  bbh_call_record_query_set_phone (query, in_phone);
  bbh_call_record_query_set_time_range (query, hour_ago, hour_on);
  g_assert_cmpuint (count_records (f, query), ==, 1);
  bbh_call_record_query_set_time_range (query, two_days_ago, one_day_ago);
  g_assert_cmpuint (count_records (f, query), ==, 0);

  /* By extension, one or several. */
  RESET ();
  bbh_call_record_query_set_phone (query, in_phone);
  bbh_call_record_query_set_extensions (query, mine);
  g_assert_cmpuint (count_records (f, query), ==, 1);
  bbh_call_record_query_set_extensions (query, theirs);
  g_assert_cmpuint (count_records (f, query), ==, 0);
  bbh_call_record_query_set_extensions (query, both);
  g_assert_cmpuint (count_records (f, query), ==, 1);

  /* Pages that do not overlap, with the same total. */
  RESET ();
  bbh_call_record_query_set_page (query, 0, 5);
  first = find_records (f, f->agent, query, &total);
  bbh_call_record_query_set_page (query, 5, 5);
  second = find_records (f, f->agent, query, &total2);
  g_assert_cmpuint (total, >, 10);
  g_assert_cmpuint (total2, ==, total);
  g_assert_cmpuint (g_list_model_get_n_items (first), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (second), ==, 5);
  for (guint i = 0; i < 5; i++)
    for (guint j = 0; j < 5; j++)
      {
        g_autoptr(BbhCallRecord) a = g_list_model_get_item (first, i);
        g_autoptr(BbhCallRecord) b = g_list_model_get_item (second, j);

        g_assert_cmpint (bbh_call_record_get_id (a), !=, bbh_call_record_get_id (b));
      }

  /* The administrator sees the agent's calls too. */
  RESET ();
  bbh_call_record_query_set_phone (query, in_phone);
  as_admin = find_records (f, f->admin, query, &total);
  g_assert_cmpuint (g_list_model_get_n_items (as_admin), ==, 1);

#undef RESET
}

/* ---- addCdrRecord, upload_record_file ---- */

static void
test_cdr_upload (IntegFixture  *f,
                 gconstpointer  data)
{
  g_autofree char *phone = integ_unique_phone ();
  g_autoptr(BbhCdrUpload) upload = NULL;
  g_autoptr(BbhCallRecord) record = NULL;
  g_autoptr(BbhCallRecord) again = NULL;
  g_autoptr(GDateTime) start = g_date_time_new_local (2024, 3, 14, 9, 26, 5);
  g_autoptr(GDateTime) success = g_date_time_add_seconds (start, 8);
  g_autoptr(GDateTime) hangup = g_date_time_add_seconds (success, 42);
  g_autoptr(GError) error = NULL;
  g_autofree char *start_text = format_time (start);
  g_autofree char *hangup_text = format_time (hangup);

  /* A call the agent's own phone placed, uploaded afterwards. */
  upload = bbh_cdr_upload_new (g_get_real_time ());
  upload->phone = g_strdup (phone);
  upload->peer = BBH_CALL_DIRECTION_OUT;
  upload->start_time = g_date_time_ref (start);
  upload->success_time = g_date_time_ref (success);
  upload->hangup_time = g_date_time_ref (hangup);
  upload->answer = 1;
  upload->talk_time = 42;
  upload->hangup_reason = 16;

  bbh_client_add_cdr_record_async (f->agent, upload, NULL, integ_on_result_cb, f);
  g_assert_true (bbh_client_add_cdr_record_finish (f->agent, integ_wait (f), &error));
  g_assert_no_error (error);

  record = record_for_phone (f, phone);
  g_assert_nonnull (record);
  g_assert_cmpint (bbh_call_record_get_direction (record), ==, BBH_CALL_DIRECTION_OUT);
  g_assert_cmpint (bbh_call_record_get_talk_time (record), ==, 42);
  g_assert_cmpstr (bbh_call_record_get_start_time (record), ==, start_text);
  g_assert_cmpstr (bbh_call_record_get_hangup_time (record), ==, hangup_text);
  g_assert_true (g_str_has_suffix (bbh_call_record_get_extension (record), INTEG_AGENT_EXTENSION));

  /* The outbox sends it again after a crash: dialId is the client's unique id (2.1.6), so
   * there is still one record. */
  bbh_client_add_cdr_record_async (f->agent, upload, NULL, integ_on_result_cb, f);
  g_assert_true (bbh_client_add_cdr_record_finish (f->agent, integ_wait (f), &error));
  g_assert_no_error (error);
  again = record_for_phone (f, phone);
  g_assert_cmpint (bbh_call_record_get_id (again), ==, bbh_call_record_get_id (record));
}

/* A short playable WAV: 8 kHz mono 16-bit, a little noise. */
static GBytes *
make_wav (void)
{
  const guint32 samples = 8000 / 4;
  const guint32 data_size = samples * 2;
  GByteArray *wav = g_byte_array_new ();
  guint8 header[44] = { 'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'A', 'V', 'E',
                        'f', 'm', 't', ' ', 16, 0, 0, 0, 1, 0, 1, 0,
                        0x40, 0x1F, 0, 0, 0x80, 0x3E, 0, 0, 2, 0, 16, 0,
                        'd', 'a', 't', 'a', 0, 0, 0, 0 };
  guint32 riff = GUINT32_TO_LE (36 + data_size);
  guint32 size = GUINT32_TO_LE (data_size);

  memcpy (header + 4, &riff, 4);
  memcpy (header + 40, &size, 4);
  g_byte_array_append (wav, header, sizeof header);
  for (guint32 i = 0; i < samples; i++)
    {
      gint16 sample = GINT16_TO_LE ((gint16) ((i * 7919) % 2000 - 1000));

      g_byte_array_append (wav, (const guint8 *) &sample, 2);
    }
  return g_byte_array_free_to_bytes (wav);
}

static void
test_record_file_upload (IntegFixture  *f,
                         gconstpointer  data)
{
  g_autofree char *phone = integ_unique_phone ();
  g_autofree char *file_name = NULL;
  g_autofree char *url = NULL;
  g_autofree char *path = NULL;
  g_autofree char *downloaded = NULL;
  g_autoptr(GBytes) wav = make_wav ();
  g_autoptr(BbhCdrUpload) upload = NULL;
  g_autoptr(BbhCallRecord) record = NULL;
  g_autoptr(GFile) dest = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  if (!integ_sandbox_has_method (f, "upload_record_file"))
    return;

  /* The phone app recorded a call: the file goes up, then the record that names it. */
  file_name = g_strdup_printf ("%s-800-20240314092605.wav", phone);
  bbh_client_upload_record_file_async (f->agent, file_name, wav, NULL, integ_on_result_cb, f);
  g_assert_true (bbh_client_upload_record_file_finish (f->agent, integ_wait (f), &error));
  g_assert_no_error (error);

  upload = bbh_cdr_upload_new (g_get_real_time ());
  upload->phone = g_strdup (phone);
  upload->peer = BBH_CALL_DIRECTION_IN;
  upload->answer = 1;
  upload->talk_time = 1;
  upload->record_file = g_strdup (file_name);
  bbh_client_add_cdr_record_async (f->agent, upload, NULL, integ_on_result_cb, f);
  g_assert_true (bbh_client_add_cdr_record_finish (f->agent, integ_wait (f), &error));
  g_assert_no_error (error);

  /* History shows the recording, and it downloads byte for byte. */
  record = record_for_phone (f, phone);
  g_assert_nonnull (record);
  g_assert_true (bbh_call_record_has_recording (record));
  url = bbh_client_dup_recording_url (f->agent, bbh_call_record_get_record_file (record));
  path = g_build_filename (f->scratch_dir, "uploaded.wav", NULL);
  dest = g_file_new_for_path (path);
  g_test_message ("cdrRecordFile %s", bbh_call_record_get_record_file (record));
  bbh_client_download_async (f->agent, url, dest, NULL, NULL, NULL, NULL, integ_on_result_cb, f);
  bbh_client_download_finish (f->agent, integ_wait (f), &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &downloaded, &length, NULL));
  g_assert_cmpmem (downloaded, length, g_bytes_get_data (wav, NULL), g_bytes_get_size (wav));
}

/* ---- SMS: smsSend, addSmsRecord ---- */

static void
test_sms (IntegFixture  *f,
          gconstpointer  data)
{
  g_autoptr(IntegEvents) events = integ_events_start (f->agent);
  g_autofree char *a = integ_unique_phone ();
  g_autofree char *b = integ_unique_phone ();
  g_autofree char *long_text = NULL;
  g_autoptr(JsonObject) logged = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *time_text = NULL;
  const char *phones[] = { a, b, NULL };
  const char *text = "【八百呼】您的验证码是 4821, 5 分钟内有效 & 请勿泄露";
  gint64 time_ms = g_get_real_time () / 1000 - 60000;
  gint64 local_id = g_get_real_time ();
  BbhEvent *sent;

  /* smsSend: both numbers; the agent's clients hear of each (kind 3, as recvMsg says). */
  bbh_client_sms_send_async (f->agent, phones, text, 7, NULL, integ_on_result_cb, f);
  g_assert_true (bbh_client_sms_send_finish (f->agent, integ_wait (f), &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      sent = integ_events_wait_kind (events, phones[i], BBH_EVENT_KIND_SMS_SENT, INTEG_TIMEOUT_MS);
      g_assert_cmpstr (bbh_event_get_content (sent), ==, text);
    }

  /* More than 70 characters is refused, by one side or the other. */
  long_text = g_strnfill (BBH_SMS_MAX_CHARS + 1, 'x');
  bbh_client_sms_send_async (f->agent, phones, long_text, 0, NULL, integ_on_result_cb, f);
  g_assert_false (bbh_client_sms_send_finish (f->agent, integ_wait (f), &error));
  g_assert_nonnull (error);
  g_test_message ("71 characters: %s", error->message);
  g_clear_error (&error);

  /* addSmsRecord: a message the phone received, as the server logged it. */
  bbh_client_add_sms_record_async (f->agent, local_id, BBH_SMS_RECEIVED, a, "收到,谢谢", time_ms,
                                   NULL, integ_on_result_cb, f);
  g_assert_true (bbh_client_add_sms_record_finish (f->agent, integ_wait (f), &error));
  g_assert_no_error (error);
  logged = integ_last_request (f, "addSmsRecord");
  g_assert_nonnull (logged);
  time_text = g_strdup_printf ("%" G_GINT64_FORMAT, time_ms);
  g_assert_cmpstr (json_object_get_string_member (logged, "phone"), ==, a);
  g_assert_cmpstr (json_object_get_string_member (logged, "content"), ==, "收到,谢谢");
  g_assert_cmpstr (json_object_get_string_member (logged, "kind"), ==, "4");
  g_assert_cmpstr (json_object_get_string_member (logged, "time"), ==, time_text);
}

/* ---- setIvrDialing ---- */

static void
test_ivr_dialing (IntegFixture  *f,
                  gconstpointer  data)
{
  g_autofree char *source = integ_unique_phone ();
  g_autofree char *dest = integ_unique_phone ();
  g_autofree char *dial = integ_unique_phone ();
  g_autoptr(JsonObject) logged = NULL;
  g_autoptr(GError) error = NULL;

  bbh_client_set_ivr_dialing_async (f->agent, source, dest, dial, 600, NULL, integ_on_result_cb, f);
  g_assert_true (bbh_client_set_ivr_dialing_finish (f->agent, integ_wait (f), &error));
  g_assert_no_error (error);
  logged = integ_last_request (f, "setIvrDialing");
  g_assert_nonnull (logged);
  g_assert_cmpstr (json_object_get_string_member (logged, "sourcePhone"), ==, source);
  g_assert_cmpstr (json_object_get_string_member (logged, "descPhone"), ==, dest);
  g_assert_cmpstr (json_object_get_string_member (logged, "dialPhone"), ==, dial);
  g_assert_cmpstr (json_object_get_string_member (logged, "saveTimes"), ==, "600");

  /* Not a number: refused, on whichever side. */
  bbh_client_set_ivr_dialing_async (f->agent, source, "not a number", dial, 0, NULL,
                                    integ_on_result_cb, f);
  g_assert_false (bbh_client_set_ivr_dialing_finish (f->agent, integ_wait (f), &error));
  g_assert_nonnull (error);
}

/* ---- callbackPhone, getCallbackList ---- */

typedef struct
{
  GPtrArray *queries;   /* of char *, what the callback URL received */
} Notified;

static void
on_notified_cb (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  Notified *notified = user_data;
  GUri *uri = soup_server_message_get_uri (msg);

  g_ptr_array_add (notified->queries, g_strdup (g_uri_get_query (uri)));
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                    "{\"code\":0,\"message\":\"OK\"}", 26);
}

static BbhCallback *
get_callback (IntegFixture *f,
              gint64        id)
{
  g_autoptr(GListModel) rows = NULL;
  g_autoptr(GError) error = NULL;
  guint64 total = 0;

  bbh_client_get_callback_list_async (f->agent, 0, 25, NULL, NULL, NULL, id, NULL,
                                      integ_on_result_cb, f);
  rows = bbh_client_get_callback_list_finish (f->agent, integ_wait (f), &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  return g_list_model_get_item (rows, 0);
}

static gboolean
has_notification (gpointer user_data)
{
  return ((Notified *) user_data)->queries->len > 0;
}

static void
test_callback (IntegFixture  *f,
               gconstpointer  data)
{
  g_autoptr(IntegEvents) events = integ_events_start (f->agent);
  g_autoptr(SoupServer) receiver = soup_server_new (NULL, NULL);
  g_autoptr(GPtrArray) queries = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *dest = integ_unique_phone ();
  g_autofree char *callback_url = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(BbhCallback) calling = NULL;
  g_autoptr(BbhCallback) answered = NULL;
  g_autoptr(BbhCallback) ended = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  Notified notified = { queries };
  BbhEvent *ring;
  gint64 id;

  /* A page of ours the server calls when the callback is over. */
  soup_server_add_handler (receiver, "/done", on_notified_cb, &notified, NULL);
  g_assert_true (soup_server_listen_local (receiver, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (receiver);
  callback_url = g_strdup_printf ("http://127.0.0.1:%d/done?cbkId={cbkId}",
                                  g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  /* The server rings the agent first (sourcePhone NULL: the agent's own account). */
  bbh_client_callback_phone_async (f->agent, NULL, dest, callback_url, "order=42", NULL,
                                   integ_on_result_cb, f);
  id = bbh_client_callback_phone_finish (f->agent, integ_wait (f), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  /* It is being called… */
  calling = get_callback (f, id);
  g_assert_cmpint (bbh_callback_get_id (calling), ==, id);
  g_assert_cmpstr (bbh_callback_get_dest_phone (calling), ==, dest);
  g_assert_cmpint (bbh_callback_get_status (calling), ==, BBH_CALLBACK_STATUS_CALLING);
  g_assert_cmpint (bbh_callback_get_kind (calling), ==, BBH_CALLBACK_KIND_CALLBACK);
  g_assert_nonnull (bbh_callback_get_create_date_time (calling));
  ring = integ_events_wait (events, dest, INTEG_STEP_RING, INTEG_TIMEOUT_MS);
  g_assert_cmpint (bbh_event_get_kind (ring), ==, BBH_EVENT_KIND_OUTGOING_CALL);

  /* …answered… */
  integ_events_wait (events, dest, INTEG_STEP_ANSWER, INTEG_TIMEOUT_MS);
  answered = get_callback (f, id);
  g_assert_cmpint (bbh_callback_get_status (answered), ==, BBH_CALLBACK_STATUS_ANSWERED);
  g_assert_cmpstr (bbh_callback_get_success_time (answered), !=, "");

  /* …over: still answered, with its talk time, and our page was called with its id. */
  integ_events_wait (events, dest, INTEG_STEP_HANGUP, INTEG_TIMEOUT_MS);
  ended = get_callback (f, id);
  g_assert_cmpint (bbh_callback_get_status (ended), ==, BBH_CALLBACK_STATUS_ANSWERED);
  g_assert_cmpint (bbh_callback_get_talk_time (ended), >=, 1);
  g_assert_cmpstr (bbh_callback_get_end_time (ended), !=, "");
  g_assert_true (integ_spin_until (has_notification, &notified, INTEG_TIMEOUT_MS));
  expected = g_strdup_printf ("cbkId=%" G_GINT64_FORMAT, id);
  g_assert_cmpstr (g_ptr_array_index (queries, 0), ==, expected);

  soup_server_disconnect (receiver);
}

static void
test_callback_no_answer (IntegFixture  *f,
                         gconstpointer  data)
{
  g_autoptr(IntegEvents) events = integ_events_start (f->agent);
  g_autoptr(BbhCallback) ended = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) mine = NULL;
  g_autoptr(GListModel) old = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) hour_ago = g_date_time_add_hours (now, -1);
  g_autoptr(GDateTime) hour_on = g_date_time_add_hours (now, 1);
  g_autoptr(GDateTime) two_days_ago = g_date_time_add_days (now, -2);
  g_autoptr(GDateTime) one_day_ago = g_date_time_add_days (now, -1);
  guint64 total = 0;
  gint64 id;

  /* The sandbox's customers whose numbers end in 000 never answer. */
  bbh_client_callback_phone_async (f->agent, INTEG_AGENT, "13900000000", NULL, NULL, NULL,
                                   integ_on_result_cb, f);
  id = bbh_client_callback_phone_finish (f->agent, integ_wait (f), &error);
  g_assert_no_error (error);
  integ_events_wait (events, "13900000000", INTEG_STEP_HANGUP, INTEG_TIMEOUT_MS);
  g_assert_cmpuint (integ_events_count (events, "13900000000", INTEG_STEP_ANSWER), ==, 0);
  ended = get_callback (f, id);
  g_assert_cmpint (bbh_callback_get_status (ended), ==, BBH_CALLBACK_STATUS_NO_ANSWER);
  g_assert_cmpint (bbh_callback_get_talk_time (ended), ==, 0);

  /* The agent's list has it, filtered by extension and by this hour, not by yesterday. */
  bbh_client_get_callback_list_async (f->agent, 0, 25, INTEG_AGENT_EXTENSION, hour_ago, hour_on, 0,
                                      NULL, integ_on_result_cb, f);
  mine = bbh_client_get_callback_list_finish (f->agent, integ_wait (f), &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (mine), ==, 1);
  {
    g_autoptr(BbhCallback) row = g_list_model_get_item (mine, 0);

    g_assert_cmpint (bbh_callback_get_id (row), ==, id);
  }
  bbh_client_get_callback_list_async (f->agent, 0, 25, NULL, two_days_ago, one_day_ago, 0,
                                      NULL, integ_on_result_cb, f);
  old = bbh_client_get_callback_list_finish (f->agent, integ_wait (f), &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (old), ==, 0);
}

/* ---- phoneAudit, getPhoneAudit ---- */

typedef struct
{
  gint64            id;
  BbhCallbackStatus status;
} AuditWait;

static GListModel *
get_audits (IntegFixture       *f,
            BbhPhoneAuditQuery *query,
            guint64            *out_total)
{
  g_autoptr(GError) error = NULL;
  GListModel *rows;

  bbh_client_get_phone_audit_async (f->agent, query, NULL, integ_on_result_cb, f);
  rows = bbh_client_get_phone_audit_finish (f->agent, integ_wait (f), out_total, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static gboolean
audit_reached (IntegFixture *f,
               gpointer      user_data)
{
  AuditWait *wait = user_data;
  g_autoptr(BbhPhoneAuditQuery) query = bbh_phone_audit_query_new ();
  g_autoptr(GListModel) rows = NULL;
  g_autoptr(BbhPhoneAudit) audit = NULL;

  bbh_phone_audit_query_set_id (query, wait->id);
  rows = get_audits (f, query, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  audit = g_list_model_get_item (rows, 0);
  return bbh_phone_audit_get_status (audit) == wait->status;
}

static void
test_phone_audit (IntegFixture  *f,
                  gconstpointer  data)
{
  g_autofree char *phone = integ_unique_phone ();
  g_autoptr(BbhPhoneAuditQuery) query = NULL;
  g_autoptr(GListModel) rows = NULL;
  g_autoptr(BbhPhoneAudit) audit = NULL;
  g_autoptr(GError) error = NULL;
  BbhCallbackStatus answered = BBH_CALLBACK_STATUS_ANSWERED;
  AuditWait wait;
  guint64 total = 0;
  gint64 id;

  /* The number must not end in 0: the sandbox's never-answering numbers do. */
  phone[strlen (phone) - 1] = '7';
  bbh_client_phone_audit_async (f->agent, "4821", BBH_VOICE_DIGITS, 31415, phone,
                                BBH_VOICE_RECORD_AFTER_ANSWER, NULL, NULL, integ_on_result_cb, f);
  id = bbh_client_phone_audit_finish (f->agent, integ_wait (f), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  query = bbh_phone_audit_query_new ();
  bbh_phone_audit_query_set_id (query, id);
  rows = get_audits (f, query, &total);
  g_assert_cmpuint (total, ==, 1);
  audit = g_list_model_get_item (rows, 0);
  g_assert_cmpint (bbh_phone_audit_get_id (audit), ==, id);
  g_assert_cmpstr (bbh_phone_audit_get_phone (audit), ==, phone);
  g_assert_cmpstr (bbh_phone_audit_get_value (audit), ==, "4821");
  g_assert_cmpint (bbh_phone_audit_get_kind (audit), ==, BBH_VOICE_DIGITS);
  g_assert_cmpint (bbh_phone_audit_get_connect_id (audit), ==, 31415);

  /* The call is placed and answered in its own time. */
  wait.id = id;
  wait.status = BBH_CALLBACK_STATUS_ANSWERED;
  g_assert_true (integ_poll_until (f, audit_reached, &wait, 250, 30000));

  /* The status filter finds it among the answered ones only. */
  bbh_phone_audit_query_set_id (query, 0);
  bbh_phone_audit_query_set_statuses (query, &answered, 1);
  g_clear_object (&rows);
  rows = get_audits (f, query, &total);
  g_assert_cmpuint (total, >=, 1);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(BbhPhoneAudit) row = g_list_model_get_item (rows, i);

      g_assert_cmpint (bbh_phone_audit_get_status (row), ==, BBH_CALLBACK_STATUS_ANSWERED);
    }

  /* By time: this hour has it, yesterday does not. */
  {
    g_autoptr(BbhPhoneAuditQuery) by_time = bbh_phone_audit_query_new ();
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) hour_ago = g_date_time_add_hours (now, -1);
    g_autoptr(GDateTime) hour_on = g_date_time_add_hours (now, 1);
    g_autoptr(GDateTime) two_days_ago = g_date_time_add_days (now, -2);
    g_autoptr(GDateTime) one_day_ago = g_date_time_add_days (now, -1);
    g_autoptr(GListModel) recent = NULL;
    g_autoptr(GListModel) old = NULL;

    bbh_phone_audit_query_set_time_range (by_time, hour_ago, hour_on);
    recent = get_audits (f, by_time, &total);
    g_assert_cmpuint (total, ==, 1);
    bbh_phone_audit_query_set_time_range (by_time, two_days_ago, one_day_ago);
    old = get_audits (f, by_time, &total);
    g_assert_cmpuint (total, ==, 0);
  }

  /* Digits only for BBH_VOICE_DIGITS. */
  bbh_client_phone_audit_async (f->agent, "四八二一", BBH_VOICE_DIGITS, 0, phone,
                                BBH_VOICE_RECORD_NONE, NULL, NULL, integ_on_result_cb, f);
  g_assert_cmpint (bbh_client_phone_audit_finish (f->agent, integ_wait (f), &error), ==, 0);
  g_assert_nonnull (error);
}

/* ---- getAreaPhone ---- */

static BbhArea *
get_area (IntegFixture  *f,
          const char    *phone,
          GError       **error)
{
  bbh_client_get_area_phone_async (f->agent, phone, NULL, integ_on_result_cb, f);
  return bbh_client_get_area_phone_finish (f->agent, integ_wait (f), error);
}

static void
test_area_phone (IntegFixture  *f,
                 gconstpointer  data)
{
  g_autoptr(BbhArea) landline = NULL;
  g_autoptr(BbhArea) mobile = NULL;
  g_autoptr(BbhArea) again = NULL;
  g_autoptr(GError) error = NULL;

  landline = get_area (f, "02367073578", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bbh_area_get_area (landline), ==, "重庆");
  g_assert_cmpstr (bbh_area_get_area_code (landline), ==, "023");
  g_assert_cmpstr (bbh_area_get_phone (landline), ==, "02367073578");

  mobile = get_area (f, "13883543354", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bbh_area_get_area (mobile), !=, "");
  g_assert_cmpstr (bbh_area_get_phone (mobile), ==, "13883543354");
  /* The same number is always in the same place. */
  again = get_area (f, "13883543354", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bbh_area_get_area (again), ==, bbh_area_get_area (mobile));
}

/* ---- sendTelCall ---- */

/* What an 八百呼 box sends (2.1.10): always a POST. */
static JsonObject *
device_call (IntegFixture *f,
             const char   *form)
{
  g_autofree char *url = g_strconcat (f->url, "/voip/api/jsondata.html", NULL);
  g_autofree char *full = g_strconcat ("method=upload_record&", form, NULL);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  guint status = 0;

  body = integ_http_post_form (f, url, full, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                             g_bytes_get_size (body), &error));
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* The MAC of a SmartTel box of the company, from the administrator's channel monitor
 * (systemChannels' channelviewinfo), preferring the agent's own. */
static char *
find_box (IntegFixture *f)
{
  g_autoptr(BbhChannelStats) stats = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *any = NULL;
  GListModel *rows;

  bbh_client_system_channels_async (f->admin, NULL, NULL, integ_on_result_cb, f);
  stats = bbh_client_system_channels_finish (f->admin, integ_wait (f), &error);
  g_assert_no_error (error);
  rows = bbh_channel_stats_get_channels (stats);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(BbhChannelInfo) row = g_list_model_get_item (rows, i);
      const char *mac = bbh_channel_info_get_member (row, "devMac");
      const char *extension = bbh_channel_info_get_member (row, "extension");

      if (mac == NULL || *mac == '\0')
        continue;
      if (g_strcmp0 (extension, INTEG_AGENT) == 0 || g_strcmp0 (extension, INTEG_AGENT_EXTENSION) == 0)
        return g_strdup (mac);
      if (any == NULL)
        any = g_strdup (mac);
    }
  return g_steal_pointer (&any);
}

static void
test_send_tel_call (IntegFixture  *f,
                    gconstpointer  data)
{
  g_autoptr(IntegEvents) events = NULL;
  g_autofree char *phone = integ_unique_phone ();
  g_autofree char *mac = NULL;
  g_autofree char *query = NULL;
  g_autoptr(JsonObject) messages = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *list;
  gboolean found = FALSE;

  if (!integ_sandbox_has_method (f, "sendTelCall") || !integ_sandbox_has_method (f, "upload_record"))
    return;

  mac = find_box (f);
  if (mac == NULL)
    {
      g_test_skip ("the demo company has no SmartTel box in systemChannels (devMac)");
      return;
    }
  g_test_message ("box %s", mac);
  events = integ_events_start (f->agent);

  /* The desktop asks the box to dial… */
  bbh_client_send_tel_call_async (f->agent, mac, 1, phone, NULL, integ_on_result_cb, f);
  g_assert_true (bbh_client_send_tel_call_finish (f->agent, integ_wait (f), &error));
  g_assert_no_error (error);

  /* …the box's next getMessageList (2.1.10) carries the number for channel 1… */
  query = g_strdup_printf ("cmd=getMessageList&satellite=%s", mac);
  messages = device_call (f, query);
  g_assert_cmpint (integ_json_int (messages, "status", -1), ==, 0);
  list = json_object_get_array_member (messages, "data");
  g_assert_nonnull (list);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *entry = json_array_get_object_element (list, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (entry, "phone", ""), phone) == 0)
        {
          found = TRUE;
          g_assert_cmpint (integ_json_int (entry, "mdcWan", -1), ==, 1);
        }
    }
  g_assert_true (found);

  /* …and the call it places shows as the agent's outgoing call. */
  {
    BbhEvent *ring = integ_events_wait (events, phone, INTEG_STEP_RING, INTEG_TIMEOUT_MS);

    g_assert_cmpint (bbh_event_get_kind (ring), ==, BBH_EVENT_KIND_OUTGOING_CALL);
  }

  /* A box nobody has. */
  bbh_client_send_tel_call_async (f->agent, "00:00:00:00:99", 1, phone, NULL,
                                  integ_on_result_cb, f);
  g_assert_false (bbh_client_send_tel_call_finish (f->agent, integ_wait (f), &error));
  g_assert_nonnull (error);
}

/* ---- getTaskDetailPhone ("call next") ---- */

static void
test_task_detail_phone (IntegFixture  *f,
                        gconstpointer  data)
{
  g_autoptr(BbhTaskPhone) next = NULL;
  g_autoptr(BbhTaskPhone) after = NULL;
  g_autoptr(BbhCdrUpload) upload = NULL;
  g_autoptr(GError) error = NULL;

  if (!integ_sandbox_has_method (f, "getTaskDetailPhone"))
    return;

  /* The demo company has an outbound task for the agent: the next number to call. */
  bbh_client_get_task_detail_phone_async (f->agent, NULL, integ_on_result_cb, f);
  next = bbh_client_get_task_detail_phone_finish (f->agent, integ_wait (f), &error);
  g_assert_no_error (error);
  g_assert_nonnull (next);
  g_assert_cmpstr (bbh_task_phone_get_phone (next), !=, "");
  g_assert_cmpint (bbh_task_phone_get_task_detail_id (next), >, 0);

  /* The agent calls it and uploads the record with its ctdId: the next one is another. */
  upload = bbh_cdr_upload_new (g_get_real_time ());
  upload->phone = g_strdup (bbh_task_phone_get_phone (next));
  upload->peer = BBH_CALL_DIRECTION_OUT;
  upload->answer = 1;
  upload->talk_time = 30;
  upload->ctd_id = bbh_task_phone_get_task_detail_id (next);
  bbh_client_add_cdr_record_async (f->agent, upload, NULL, integ_on_result_cb, f);
  g_assert_true (bbh_client_add_cdr_record_finish (f->agent, integ_wait (f), &error));
  g_assert_no_error (error);

  bbh_client_get_task_detail_phone_async (f->agent, NULL, integ_on_result_cb, f);
  after = bbh_client_get_task_detail_phone_finish (f->agent, integ_wait (f), &error);
  g_assert_no_error (error);
  if (after != NULL)
    g_assert_cmpint (bbh_task_phone_get_task_detail_id (after), !=,
                     bbh_task_phone_get_task_detail_id (next));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/agent/integration/" path, IntegFixture, NULL, integ_set_up, func, integ_tear_down)

  ADD ("dial-record-filters", test_dial_record_filters);
  ADD ("cdr-upload", test_cdr_upload);
  ADD ("record-file-upload", test_record_file_upload);
  ADD ("sms", test_sms);
  ADD ("ivr-dialing", test_ivr_dialing);
  ADD ("callback", test_callback);
  ADD ("callback-no-answer", test_callback_no_answer);
  ADD ("phone-audit", test_phone_audit);
  ADD ("area-phone", test_area_phone);
  ADD ("send-tel-call", test_send_tel_call);
  ADD ("task-detail-phone", test_task_detail_phone);

#undef ADD

  return g_test_run ();
}
