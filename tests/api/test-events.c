/* test-events.c — setUserCheckInOut, sendMsg, recvMsg, getLongWaterLine, hangupExten and
 * transferExten against a real SoupServer: the request sent and the objects returned
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <glib/gstdio.h>

#include "bbh-client-events.h"
#include "bbh-client-private.h"
#include "bbh-test-server.h"

typedef BbhTestFixture Fixture;

static void
assert_base (BbhTestRequest *req,
             const char     *method)
{
  g_assert_cmpstr (req->path, ==, "/voip/api/jsondata.html");
  g_assert_cmpstr (bbh_test_param (req, "sa_user"), ==, "100008800");
  g_assert_cmpstr (bbh_test_param (req, "sa_password"), ==, "CBCA51A420DD10423A9ACC4DB8041D5A");
  g_assert_cmpstr (bbh_test_param (req, "method"), ==, method);
}

static gboolean
check_in_out (Fixture        *f,
              const char     *exten,
              BbhCheckStatus  status,
              GError        **error)
{
  bbh_test_fixture_reset (f);
  bbh_client_set_user_check_in_out_async (f->client, exten, status, NULL, bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  return bbh_client_set_user_check_in_out_finish (f->client, f->result, error);
}

static void
test_check_in_out (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  BbhTestRequest *req;

  bbh_test_server_queue_json (f->server, "setUserCheckInOut", "{\"code\":\"0\",\"message\":\"\"}");
  g_assert_true (check_in_out (f, "800", BBH_CHECK_IN, &error));
  g_assert_no_error (error);
  req = bbh_test_server_get_last (f->server);
  assert_base (req, "setUserCheckInOut");
  g_assert_cmpstr (bbh_test_param (req, "exten"), ==, "800");
  g_assert_cmpstr (bbh_test_param (req, "status"), ==, "0");
  g_assert_cmpuint (g_hash_table_size (req->params), ==, 5);

  /* Without an extension: the server uses the logged-in agent's; nothing empty is sent. */
  g_assert_true (check_in_out (f, NULL, BBH_CHECK_OUT, &error));
  g_assert_no_error (error);
  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (bbh_test_param (req, "status"), ==, "1");
  g_assert_false (g_hash_table_contains (req->params, "exten"));

  bbh_test_server_queue_json (f->server, "setUserCheckInOut", "{\"code\":-2,\"message\":\"验证错误\"}");
  g_assert_false (check_in_out (f, "800", BBH_CHECK_IN, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_AUTH);
}

static gboolean
send_msg (Fixture     *f,
          int          kind,
          const char  *phone,
          const char  *content,
          gint64       time_ms,
          double       lon,
          double       lat,
          GError     **error)
{
  bbh_test_fixture_reset (f);
  bbh_client_send_msg_async (f->client, kind, BBH_CLIENT_TYPE_PC, phone, content, time_ms, 100,
                             lon, lat, NULL, bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  return bbh_client_send_msg_finish (f->client, f->result, error);
}

static void
test_send_msg (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  BbhTestRequest *req;
  gint64 before = g_get_real_time () / 1000;
  gint64 sent_time;

  g_assert_true (send_msg (f, 1, "13002311111", "{status:0,memo:'客户 & 回拨'}",
                           G_GINT64_CONSTANT (1700000000123), 106.551556, 29.563009, &error));
  g_assert_no_error (error);
  req = bbh_test_server_get_last (f->server);
  assert_base (req, "sendMsg");
  g_assert_cmpstr (bbh_test_param (req, "kind"), ==, "1");
  g_assert_cmpstr (bbh_test_param (req, "client"), ==, "1");
  g_assert_cmpstr (bbh_test_param (req, "phone"), ==, "13002311111");
  g_assert_cmpstr (bbh_test_param (req, "content"), ==, "{status:0,memo:'客户 & 回拨'}");
  g_assert_cmpstr (bbh_test_param (req, "time"), ==, "1700000000123");
  g_assert_cmpstr (bbh_test_param (req, "lostTime"), ==, "100");
  g_assert_cmpstr (bbh_test_param (req, "lon"), ==, "106.551556");
  g_assert_cmpstr (bbh_test_param (req, "lat"), ==, "29.563009");
  /* Percent-encoded on the wire: the & inside the content does not split the query. */
  g_assert_nonnull (strstr (req->query, "content=%7Bstatus%3A0%2Cmemo%3A"));
  g_assert_null (strstr (req->query, " & "));

  /* No position, no content, time 0 = now. */
  g_assert_true (send_msg (f, 7, "13002311111", NULL, 0, NAN, NAN, &error));
  g_assert_no_error (error);
  req = bbh_test_server_get_last (f->server);
  g_assert_false (g_hash_table_contains (req->params, "lon"));
  g_assert_false (g_hash_table_contains (req->params, "lat"));
  g_assert_false (g_hash_table_contains (req->params, "content"));
  g_assert_true (bbh_parse_int64 (bbh_test_param (req, "time"), &sent_time));
  g_assert_cmpint (sent_time, >=, before);
  g_assert_cmpint (sent_time, <=, g_get_real_time () / 1000);
}

static void
test_send_msg_invalid (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (send_msg (f, 9, "13002311111", NULL, 0, NAN, NAN, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (send_msg (f, 1, "130-0231 1111", NULL, 0, NAN, NAN, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  /* Nothing was sent for either. */
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 0);
}

static GListModel *
recv_msg (Fixture  *f,
          gint64    water_line,
          guint     limit,
          gint64   *out_watermark,
          GError  **error)
{
  bbh_test_fixture_reset (f);
  bbh_client_recv_msg_async (f->client, water_line, limit, NULL, bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  return bbh_client_recv_msg_finish (f->client, f->result, out_watermark, error);
}

static void
test_recv_msg (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) msgs = NULL;
  g_autoptr(BbhEvent) first = NULL;
  g_autoptr(BbhEvent) second = NULL;
  BbhTestRequest *req;
  gint64 watermark = 0;

  bbh_test_server_queue_json (f->server, "recvMsg",
                              "{\"code\":0,\"msgs\":["
                              "{\"kind\":\"2\",\"phone\":\"13800138000\",\"content\":\"{status:0,cdrId:-1}\","
                              "\"time\":1700000000123,\"waterLine\":\"1700000000200\"},"
                              "{\"kind\":2,\"phone\":\"13800138000\",\"content\":\"{status:3,cdrId:'7687658987667780097',talkTimes:42}\","
                              "\"time\":\"1700000050000\",\"waterLine\":1700000050001},"
                              "{\"kind\":5,\"phone\":\"\",\"content\":\"\",\"time\":1,\"waterLine\":1800000000000}"
                              "]}");
  msgs = recv_msg (f, G_GINT64_CONSTANT (1700000000000), 50, &watermark, &error);
  g_assert_no_error (error);

  req = bbh_test_server_get_last (f->server);
  assert_base (req, "recvMsg");
  g_assert_cmpstr (bbh_test_param (req, "client"), ==, "1");
  g_assert_cmpstr (bbh_test_param (req, "waterLine"), ==, "1700000000000");
  g_assert_cmpstr (bbh_test_param (req, "limit"), ==, "50");

  g_assert_cmpuint (g_list_model_get_n_items (msgs), ==, 3);
  g_assert_true (g_list_model_get_item_type (msgs) == BBH_TYPE_EVENT);
  first = g_list_model_get_item (msgs, 0);
  second = g_list_model_get_item (msgs, 1);
  g_assert_cmpint (bbh_event_get_kind (first), ==, 2);
  g_assert_cmpstr (bbh_event_get_phone (first), ==, "13800138000");
  g_assert_true (bbh_event_is_ringing (first));
  g_assert_cmpint (bbh_event_get_time_ms (first), ==, G_GINT64_CONSTANT (1700000000123));
  g_assert_cmpint (bbh_event_get_watermark (first), ==, G_GINT64_CONSTANT (1700000000200));
  g_assert_true (bbh_event_is_hangup (second));
  g_assert_cmpint (bbh_event_get_cdr_id (second), ==, G_GINT64_CONSTANT (7687658987667780097));
  g_assert_cmpint (bbh_event_get_talk_seconds (second), ==, 42);
  /* No top-level watermark: the highest of a message with a number (not the GPS one). */
  g_assert_cmpint (watermark, ==, G_GINT64_CONSTANT (1700000050001));
}

static void
test_recv_msg_lists (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const empty[] = {
    "{\"code\":0,\"msgs\":null}", "{\"code\":0}", "{\"code\":0,\"msgs\":[]}",
    "{\"code\":0,\"msgs\":[1,\"x\",null]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (empty); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) msgs = NULL;
      gint64 watermark = 0;

      bbh_test_server_queue_json (f->server, "recvMsg", empty[i]);
      msgs = recv_msg (f, 0, 0, &watermark, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (msgs), ==, 0);
      g_assert_cmpint (watermark, ==, -1);
      /* limit 0: the server's default, not sent. */
      g_assert_false (g_hash_table_contains (bbh_test_server_get_last (f->server)->params, "limit"));
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GListModel) msgs = NULL;
    gint64 watermark = 0;

    /* A top-level watermark wins, even above the messages' own. */
    bbh_test_server_queue_json (f->server, "recvMsg",
                                "{\"code\":0,\"waterLine\":\"9007199254740993\",\"msgs\":[{\"kind\":1,\"phone\":\"1\",\"waterLine\":3}]}");
    msgs = recv_msg (f, 0, 0, &watermark, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (msgs), ==, 1);
    g_assert_cmpint (watermark, ==, G_GINT64_CONSTANT (9007199254740993));
  }
}

static GListModel *
long_poll (Fixture     *f,
           gint64       water_line,
           const char  *login_line,
           gint64      *out_watermark,
           GError     **error)
{
  bbh_test_fixture_reset (f);
  bbh_client_get_long_water_line_async (f->client, water_line, login_line, NULL, bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  return bbh_client_get_long_water_line_finish (f->client, f->result, out_watermark, error);
}

static void
test_long_water_line (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) msgs = NULL;
  g_autoptr(BbhEvent) event = NULL;
  BbhTestRequest *req;
  gint64 watermark = 0;

  bbh_test_server_queue_json (f->server, "getLongWaterLine",
                              "{\"code\":0,\"waterline\":1700000000999,\"userInfo\":{\"exteStatus\":1},\"keylist\":[],"
                              "\"msgs\":[{\"kind\":2,\"phone\":\"02367073578\",\"content\":\"{status:0}\","
                              "\"time\":1700000000900,\"waterLine\":1700000000999}]}");
  msgs = long_poll (f, 1700000000000, "L-42", &watermark, &error);
  g_assert_no_error (error);

  req = bbh_test_server_get_last (f->server);
  assert_base (req, "getLongWaterLine");
  g_assert_cmpstr (bbh_test_param (req, "client"), ==, "1");
  g_assert_cmpstr (bbh_test_param (req, "message"), ==, "1");
  g_assert_cmpstr (bbh_test_param (req, "loginLine"), ==, "L-42");
  g_assert_cmpstr (bbh_test_param (req, "waterLine"), ==, "1700000000000");

  g_assert_cmpint (watermark, ==, G_GINT64_CONSTANT (1700000000999));
  g_assert_cmpuint (g_list_model_get_n_items (msgs), ==, 1);
  event = g_list_model_get_item (msgs, 0);
  g_assert_cmpstr (bbh_event_get_phone (event), ==, "02367073578");
  g_assert_true (bbh_event_is_ringing (event));

  /* Only a watermark, no msgs: a supported, quiet answer. */
  g_clear_object (&msgs);
  bbh_test_server_queue_json (f->server, "getLongWaterLine", "{\"code\":0,\"waterline\":\"77\"}");
  msgs = long_poll (f, 5, NULL, &watermark, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (msgs), ==, 0);
  g_assert_cmpint (watermark, ==, 77);
  g_assert_false (g_hash_table_contains (bbh_test_server_get_last (f->server)->params, "loginLine"));
}

typedef struct
{
  const char *name;
  guint       status;
  const char *body;
  int         code;
} Answer;

static void
test_long_water_line_unsupported (Fixture       *f,
                                  gconstpointer  data)
{
  static const Answer answers[] = {
    { "plain-ok", 200, "{\"code\":0}", BBH_ERROR_UNSUPPORTED },
    { "success-true", 200, "{\"success\":true}", BBH_ERROR_UNSUPPORTED },
    { "http-404", 404, "<html>Not Found</html>", BBH_ERROR_UNSUPPORTED },
    { "internal-empty", 200, "{\"code\":-3,\"message\":\"\"}", BBH_ERROR_UNSUPPORTED },
    { "internal-method", 200, "{\"code\":-3,\"message\":\"no method getLongWaterLine\"}", BBH_ERROR_UNSUPPORTED },
    { "own-code", 200, "{\"code\":\"-100\",\"message\":\"unknown method\"}", BBH_ERROR_UNSUPPORTED },
    /* These are not "unsupported": the stream must not give up the long poll for them. */
    { "auth", 200, "{\"code\":-2}", BBH_ERROR_AUTH },
    { "http-502", 502, "<html>Bad Gateway</html>", BBH_ERROR_HTTP },
    { "garbage", 200, "{\"code\":0,\"msgs\":[", BBH_ERROR_PROTOCOL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) msgs = NULL;
      gint64 watermark = 0;

      g_test_message ("answer %s", answers[i].name);
      bbh_test_server_queue (f->server, "getLongWaterLine", answers[i].status, "application/json",
                             answers[i].body);
      msgs = long_poll (f, 1, "L", &watermark, &error);
      g_assert_null (msgs);
      g_assert_error (error, BBH_ERROR, answers[i].code);
      g_assert_cmpstr (error->message, !=, "");
      g_assert_cmpint (watermark, ==, -1);
    }
}

static void
test_hangup_transfer (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  BbhTestRequest *req;

  bbh_test_fixture_reset (f);
  bbh_client_hangup_exten_async (f->client, "13800138000", NULL, bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  g_assert_true (bbh_client_hangup_exten_finish (f->client, f->result, &error));
  g_assert_no_error (error);
  req = bbh_test_server_get_last (f->server);
  assert_base (req, "hangupExten");
  g_assert_cmpstr (bbh_test_param (req, "phoneNum"), ==, "13800138000");

  bbh_test_fixture_reset (f);
  bbh_client_transfer_exten_async (f->client, "801", NULL, bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  g_assert_true (bbh_client_transfer_exten_finish (f->client, f->result, &error));
  g_assert_no_error (error);
  req = bbh_test_server_get_last (f->server);
  assert_base (req, "transferExten");
  g_assert_cmpstr (bbh_test_param (req, "descExten"), ==, "801");

  /* A server without them. */
  bbh_test_server_queue (f->server, "hangupExten", 404, "text/html", "<html></html>");
  bbh_test_fixture_reset (f);
  bbh_client_hangup_exten_async (f->client, "13800138000", NULL, bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  g_assert_false (bbh_client_hangup_exten_finish (f->client, f->result, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  bbh_test_server_queue_json (f->server, "transferExten", "{\"code\":1,\"message\":\"未知方法 transferExten\"}");
  bbh_test_fixture_reset (f);
  bbh_client_transfer_exten_async (f->client, "801", NULL, bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  g_assert_false (bbh_client_transfer_exten_finish (f->client, f->result, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  /* A real refusal keeps its meaning. */
  bbh_test_server_queue_json (f->server, "transferExten", "{\"code\":-11}");
  bbh_test_fixture_reset (f);
  bbh_client_transfer_exten_async (f->client, "899", NULL, bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  g_assert_false (bbh_client_transfer_exten_finish (f->client, f->result, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Nothing is sent for a bad number. */
  bbh_test_fixture_reset (f);
  bbh_client_hangup_exten_async (f->client, "", NULL, bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  g_assert_false (bbh_client_hangup_exten_finish (f->client, f->result, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 5);
}

/* Recordings */

static void
test_recording_urls (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *base = bbh_test_server_dup_url (f->server);
  g_autofree char *url = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *redacted = NULL;

  url = bbh_client_dup_recording_url (f->client, "2024/05/01/录音 #1.wav");
  expected = g_strconcat (base, "/voip/record/2024/05/01/%E5%BD%95%E9%9F%B3%20%231.wav", NULL);
  g_assert_cmpstr (url, ==, expected);
  g_clear_pointer (&url, g_free);
  g_clear_pointer (&expected, g_free);

  /* It cannot climb out of /voip/record/. */
  url = bbh_client_dup_recording_url (f->client, "/../../voip/api/./x.wav");
  expected = g_strconcat (base, "/voip/record/voip/api/x.wav", NULL);
  g_assert_cmpstr (url, ==, expected);
  g_clear_pointer (&url, g_free);

  g_assert_null (bbh_client_dup_recording_url (f->client, NULL));
  g_assert_null (bbh_client_dup_recording_url (f->client, ""));
  g_assert_null (bbh_client_dup_recording_url (f->client, "/../"));
  url = bbh_client_dup_recording_url (f->client, "https://cdn.example.com/r/1.wav");
  g_assert_cmpstr (url, ==, "https://cdn.example.com/r/1.wav");
  g_clear_pointer (&url, g_free);
  g_clear_pointer (&expected, g_free);

  url = bbh_client_dup_mp3_url (f->client, G_GINT64_CONSTANT (7687658987667780097));
  expected = g_strconcat (base, "/voip/api/client/download/record.json?id=7687658987667780097&ismp3=1"
                          "&sa_user=100008800&sa_password=CBCA51A420DD10423A9ACC4DB8041D5A", NULL);
  g_assert_cmpstr (url, ==, expected);
  /* What may be logged: no secret. */
  redacted = bbh_redact_uri (url);
  g_assert_null (strstr (redacted, "CBCA51A420DD10423A9ACC4DB8041D5A"));
}

typedef struct
{
  Fixture      *f;
  GArray       *received;
  goffset       total;
  GCancellable *cancel_after_first;
  gboolean      destroyed;
} Progress;

static void
on_progress_cb (goffset  received,
                goffset  total,
                gpointer user_data)
{
  Progress *p = user_data;

  g_array_append_val (p->received, received);
  p->total = total;
  if (p->cancel_after_first != NULL && received > 0)
    g_cancellable_cancel (p->cancel_after_first);
}

static void
on_progress_destroy_cb (gpointer user_data)
{
  Progress *p = user_data;

  p->destroyed = TRUE;
}

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("bbh-download-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* The names in @dir, sorted, joined by spaces: shows a leftover temporary file. */
static char *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_assert_cmpint (g_remove (file), ==, 0);
    }
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

static GBytes *
make_audio (gsize size)
{
  guint8 *data = g_malloc (size);
  GRand *rand = g_rand_new_with_seed (42);

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) g_rand_int (rand);
  g_rand_free (rand);
  return g_bytes_new_take (data, size);
}

static gboolean
download (Fixture       *f,
          const char    *url,
          GFile         *dest,
          Progress      *p,
          GCancellable  *cancellable,
          GError       **error)
{
  bbh_test_fixture_reset (f);
  bbh_client_download_async (f->client, url, dest, on_progress_cb, p, on_progress_destroy_cb,
                             cancellable, bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  return bbh_client_download_finish (f->client, f->result, error);
}

static void
test_download (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GBytes) audio = make_audio (300 * 1024 + 7);
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "call.wav", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;
  Progress p = { f, g_array_new (FALSE, FALSE, sizeof (goffset)), 0, NULL, FALSE };
  gsize length;

  bbh_test_server_add_file (f->server, "/voip/record/2024/call 1.wav", "audio/x-wav", audio);
  /* An older file of that name is replaced. */
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));

  url = bbh_client_dup_recording_url (f->client, "2024/call 1.wav");
  g_assert_true (download (f, url, dest, &p, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, g_bytes_get_data (audio, NULL), g_bytes_get_size (audio));
  g_assert_cmpstr (bbh_test_server_get_last (f->server)->path, ==, "/voip/record/2024/call 1.wav");

  /* Progress: from 0, growing, to the announced total. */
  g_assert_cmpuint (p.received->len, >=, 3);
  g_assert_cmpint (g_array_index (p.received, goffset, 0), ==, 0);
  for (guint i = 1; i < p.received->len; i++)
    g_assert_cmpint (g_array_index (p.received, goffset, i), >, g_array_index (p.received, goffset, i - 1));
  g_assert_cmpint (g_array_index (p.received, goffset, p.received->len - 1), ==, g_bytes_get_size (audio));
  g_assert_cmpint (p.total, ==, g_bytes_get_size (audio));
  g_assert_true (p.destroyed);

  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "call.wav");
  g_array_unref (p.received);
  remove_dir (dir);
}

static void
test_download_mp3 (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GBytes) audio = make_audio (4096);
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "call.mp3", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *contents = NULL;
  Progress p = { f, g_array_new (FALSE, FALSE, sizeof (goffset)), 0, NULL, FALSE };
  BbhTestRequest *req;
  gsize length;

  bbh_test_server_add_file (f->server, "/voip/api/client/download/record.json", "audio/mpeg", audio);
  url = bbh_client_dup_mp3_url (f->client, 282982852097151);
  g_assert_true (download (f, url, dest, &p, NULL, &error));
  g_assert_no_error (error);

  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (bbh_test_param (req, "id"), ==, "282982852097151");
  g_assert_cmpstr (bbh_test_param (req, "ismp3"), ==, "1");
  g_assert_cmpstr (bbh_test_param (req, "sa_user"), ==, "100008800");
  g_assert_cmpstr (bbh_test_param (req, "sa_password"), ==, "CBCA51A420DD10423A9ACC4DB8041D5A");
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, g_bytes_get_data (audio, NULL), g_bytes_get_size (audio));
  g_array_unref (p.received);
  remove_dir (dir);
}

static void
test_download_errors (Fixture       *f,
                      gconstpointer  data)
{
  static const struct {
    const char *name;
    guint       status;
    const char *content_type;
    const char *body;
    int         code;
  } cases[] = {
    { "404", 404, "text/html", "<html>Not Found</html>", BBH_ERROR_NOT_FOUND },
    { "500", 500, "text/html", "<html>oops</html>", BBH_ERROR_HTTP },
    { "json-auth", 200, "application/json", "{\"code\":-2,\"message\":\"验证错误\"}", BBH_ERROR_AUTH },
    { "json-ok", 200, "application/json", "{\"code\":0}", BBH_ERROR_PROTOCOL },
  };
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "call.wav", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (path);
  g_autofree char *url = bbh_client_dup_mp3_url (f->client, 5);

  /* What was there before stays. */
  g_assert_true (g_file_set_contents (path, "previous", -1, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *listing = NULL;
      g_autofree char *contents = NULL;
      Progress p = { f, g_array_new (FALSE, FALSE, sizeof (goffset)), 0, NULL, FALSE };

      g_test_message ("case %s", cases[i].name);
      bbh_test_server_queue (f->server, NULL, cases[i].status, cases[i].content_type, cases[i].body);
      g_assert_false (download (f, url, dest, &p, NULL, &error));
      g_assert_error (error, BBH_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, !=, "");
      g_assert_null (strstr (error->message, "CBCA51A420DD10423A9ACC4DB8041D5A"));
      if (cases[i].status == 404)
        g_assert_nonnull (strstr (error->message, "404"));

      listing = list_dir (dir);
      g_assert_cmpstr (listing, ==, "call.wav");
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "previous");
      g_assert_true (p.destroyed);
      g_array_unref (p.received);
    }

  remove_dir (dir);
}

static void
test_download_cancel (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GBytes) audio = make_audio (2 * 1024 * 1024);
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "call.wav", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (path);
  g_autofree char *url = bbh_client_dup_recording_url (f->client, "big.wav");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  Progress p = { f, g_array_new (FALSE, FALSE, sizeof (goffset)), 0, cancellable, FALSE };

  bbh_test_server_add_file (f->server, "/voip/record/big.wav", "audio/x-wav", audio);

  /* Cancelled in the middle: part of the file had been written. */
  g_assert_false (download (f, url, dest, &p, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_array_index (p.received, goffset, p.received->len - 1), >, 0);
  g_assert_cmpint (g_array_index (p.received, goffset, p.received->len - 1), <, g_bytes_get_size (audio));
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "");
  g_clear_error (&error);
  g_clear_pointer (&listing, g_free);

  /* Cancelled before it started. */
  g_cancellable_cancel (cancelled);
  p.cancel_after_first = NULL;
  g_assert_false (download (f, url, dest, &p, cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "");

  g_array_unref (p.received);
  remove_dir (dir);
}

static void
test_download_unwritable (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GBytes) audio = make_audio (10);
  g_autoptr(GFile) dest = g_file_new_for_path ("/nonexistent-dir/for/sure/call.wav");
  g_autofree char *url = bbh_client_dup_recording_url (f->client, "a.wav");
  g_autoptr(GError) error = NULL;
  Progress p = { f, g_array_new (FALSE, FALSE, sizeof (goffset)), 0, NULL, FALSE };

  bbh_test_server_add_file (f->server, "/voip/record/a.wav", "audio/x-wav", audio);
  g_assert_false (download (f, url, dest, &p, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  /* The agent learns where it failed. */
  g_assert_nonnull (strstr (error->message, "/nonexistent-dir/for/sure/call.wav"));
  g_array_unref (p.received);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/agent/events/" path, Fixture, NULL, bbh_test_fixture_set_up, func, bbh_test_fixture_tear_down)

  ADD ("check-in-out", test_check_in_out);
  ADD ("send-msg", test_send_msg);
  ADD ("send-msg-invalid", test_send_msg_invalid);
  ADD ("recv-msg", test_recv_msg);
  ADD ("recv-msg-lists", test_recv_msg_lists);
  ADD ("long-water-line", test_long_water_line);
  ADD ("long-water-line-unsupported", test_long_water_line_unsupported);
  ADD ("hangup-transfer", test_hangup_transfer);
  ADD ("recording-urls", test_recording_urls);
  ADD ("download", test_download);
  ADD ("download-mp3", test_download_mp3);
  ADD ("download-errors", test_download_errors);
  ADD ("download-cancel", test_download_cancel);
  ADD ("download-unwritable", test_download_unwritable);

#undef ADD

  return g_test_run ();
}
