/* test-callbacks.c — callbackPhone and getCallbackList against a real SoupServer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "bbh-client-private.h"
#include "bbh-client-records.h"
#include "bbh-test-server.h"

typedef BbhTestFixture Fixture;

static gint64
callback_phone (Fixture     *f,
                const char  *source,
                const char  *dest,
                const char  *url,
                const char  *value,
                GError     **error)
{
  bbh_test_fixture_reset (f);
  bbh_client_callback_phone_async (f->client, source, dest, url, value, NULL, bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  return bbh_client_callback_phone_finish (f->client, f->result, error);
}

static GListModel *
get_list (Fixture     *f,
          guint        start,
          guint        limit,
          const char  *extension,
          GDateTime   *from,
          GDateTime   *to,
          gint64       id,
          guint64     *out_total,
          GError     **error)
{
  bbh_test_fixture_reset (f);
  bbh_client_get_callback_list_async (f->client, start, limit, extension, from, to, id,
                                      NULL, bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  return bbh_client_get_callback_list_finish (f->client, f->result, out_total, error);
}

/* callbackPhone */

static void
test_callback_phone_request (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  BbhTestRequest *req;
  gint64 id;

  bbh_test_server_queue_json (f->server, "callbackPhone",
                              "{\"code\":0,\"message\":\"\",\"id\":\"7687658987667780097\"}");
  id = callback_phone (f, "13800000001", "13912345678",
                       "http://127.0.0.1:8080/callbackurl?cbkId={cbkId}", "客户A&1", &error);
  g_assert_no_error (error);
  /* Above 2^53, exact. */
  g_assert_cmpint (id, ==, G_GINT64_CONSTANT (7687658987667780097));

  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (req->http_method, ==, "GET");
  g_assert_cmpstr (bbh_test_param (req, "method"), ==, "callbackPhone");
  g_assert_cmpstr (bbh_test_param (req, "sourcePhone"), ==, "13800000001");
  g_assert_cmpstr (bbh_test_param (req, "descPhone"), ==, "13912345678");
  /* base64 of the template, {cbkId} untouched, and the '=' padding survives URL encoding. */
  g_assert_cmpstr (bbh_test_param (req, "callbackUrl"), ==,
                   "aHR0cDovLzEyNy4wLjAuMTo4MDgwL2NhbGxiYWNrdXJsP2Nia0lkPXtjYmtJZH0=");
  g_assert_cmpstr (bbh_test_param (req, "paramvalue"), ==, "客户A&1");
  g_assert_cmpuint (g_hash_table_size (req->params), ==, 7);
}

static void
test_callback_phone_defaults (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  BbhTestRequest *req;
  gint64 id;

  /* The id nested under data, as a number. */
  bbh_test_server_queue_json (f->server, "callbackPhone", "{\"code\":\"0\",\"data\":{\"id\":381}}");
  id = callback_phone (f, NULL, "02367073578", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, 381);

  req = bbh_test_server_get_last (f->server);
  /* The agent's own account rings first, as the vendor's SDK does. */
  g_assert_cmpstr (bbh_test_param (req, "sourcePhone"), ==, "100008800");
  g_assert_cmpstr (bbh_test_param (req, "descPhone"), ==, "02367073578");
  g_assert_false (g_hash_table_contains (req->params, "callbackUrl"));
  g_assert_false (g_hash_table_contains (req->params, "paramvalue"));
  g_assert_cmpuint (g_hash_table_size (req->params), ==, 5);
}

static void
test_callback_phone_errors (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  /* Accepted but no id: the caller could not follow the call. */
  bbh_test_server_queue_json (f->server, "callbackPhone", "{\"code\":0}");
  id = callback_phone (f, NULL, "13912345678", NULL, NULL, &error);
  g_assert_cmpint (id, ==, 0);
  g_assert_error (error, BBH_ERROR, BBH_ERROR_PROTOCOL);
  g_clear_error (&error);

  bbh_test_server_queue_json (f->server, "callbackPhone", "{\"code\":-5,\"message\":\"没有权限\"}");
  id = callback_phone (f, NULL, "13912345678", NULL, NULL, &error);
  g_assert_cmpint (id, ==, 0);
  g_assert_error (error, BBH_ERROR, BBH_ERROR_PERMISSION);
  g_assert_cmpuint (bbh_test_server_count_method (f->server, "callbackPhone"), ==, 2);
}

static void
test_callback_phone_rejects (Fixture       *f,
                             gconstpointer  data)
{
  struct {
    const char *source;
    const char *dest;
    const char *url;
    const char *needle;
  } cases[] = {
    { NULL, "", NULL, "number to call" },
    { NULL, NULL, NULL, "number to call" },
    { NULL, "139-1234", NULL, "number to call" },
    { "abc", "13912345678", NULL, "number to ring first" },
    { NULL, "13912345678", "ftp://example.com/{cbkId}", "http" },
    { NULL, "13912345678", "javascript:alert(1)", "http" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 id = callback_phone (f, cases[i].source, cases[i].dest, cases[i].url, NULL, &error);

      g_assert_cmpint (id, ==, 0);
      g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, cases[i].needle));
    }
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 0);
}

/* getCallbackList */

static void
test_callback_list_request (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GDateTime) from = g_date_time_new_local (2024, 3, 5, 8, 0, 0);
  g_autoptr(GDateTime) to = g_date_time_new_local (2024, 3, 5, 20, 30, 15);
  BbhTestRequest *req;

  model = get_list (f, 50, 25, "800", from, to, G_GINT64_CONSTANT (7687658987667780097), NULL, &error);
  g_assert_no_error (error);
  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (bbh_test_param (req, "method"), ==, "getCallbackList");
  g_assert_cmpstr (bbh_test_param (req, "start"), ==, "50");
  g_assert_cmpstr (bbh_test_param (req, "limit"), ==, "25");
  g_assert_cmpstr (bbh_test_param (req, "extension"), ==, "800");
  g_assert_cmpstr (bbh_test_param (req, "startTime"), ==, "2024-03-05 08:00:00");
  g_assert_cmpstr (bbh_test_param (req, "endTime"), ==, "2024-03-05 20:30:15");
  g_assert_cmpstr (bbh_test_param (req, "id"), ==, "7687658987667780097");
  g_assert_cmpuint (g_hash_table_size (req->params), ==, 9);
  g_clear_object (&model);

  /* Only the required paging; limit 0 is the document's default 25. */
  model = get_list (f, 0, 0, NULL, NULL, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (bbh_test_param (req, "start"), ==, "0");
  g_assert_cmpstr (bbh_test_param (req, "limit"), ==, "25");
  g_assert_cmpuint (g_hash_table_size (req->params), ==, 5);
}

static void
test_callback_list_every_field (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(BbhCallback) cb = NULL;
  g_autofree char *status_text = NULL;
  BbhCallbackStatus status;
  guint64 total = 0;
  GDateTime *created;

  bbh_test_server_queue_json (f->server, "getCallbackList",
    "{\"code\":0,\"total\":\"31\",\"rows\":["
    "{\"cbkId\":\"7687658987667780097\",\"cbk_exteId\":\"9007199254740993\","
    "\"cbkSourcePhone\":\"100008800\",\"cbkDescPhone\":\"13912345678\",\"cbkStatus\":\"5\","
    "\"cbkCreateTime\":\"2024-03-05 10:00:00\",\"cbkBeginTime\":\"2024-03-05 10:00:01\","
    "\"cbkSuccessTime\":\"2024-03-05 10:00:06\",\"cbkEndTime\":\"2024-03-05 10:03:06\","
    "\"cbkTimes\":\"180\",\"cbkTransferSuccessTime\":\"2024-03-05 10:00:12\","
    "\"cbkTransferEndTime\":\"2024-03-05 10:03:06\",\"cbkTransferTimes\":174,"
    "\"cbkResultCode\":\"200\",\"cbkErrorCode\":0,\"cbkWavFile\":\"100008/cb/1.wav\","
    "\"cbkExtension\":\"800\",\"cbkType\":1,\"cbkUrl\":\"http://crm.example/cb?cbkId={cbkId}\"},"
    "null,"
    "{\"cbkId\":2,\"cbkStatus\":9,\"cbkCreateTime\":\"2024-02-30 10:00:00\",\"cbkTimes\":null}"
    "]}");
  model = get_list (f, 0, 25, NULL, NULL, NULL, 0, &total, &error);
  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (model) == BBH_TYPE_CALLBACK);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_cmpuint (total, ==, 31);

  cb = g_list_model_get_item (model, 0);
  g_assert_cmpint (bbh_callback_get_id (cb), ==, G_GINT64_CONSTANT (7687658987667780097));
  g_assert_cmpint (bbh_callback_get_extension_id (cb), ==, G_GINT64_CONSTANT (9007199254740993));
  g_assert_cmpstr (bbh_callback_get_source_phone (cb), ==, "100008800");
  g_assert_cmpstr (bbh_callback_get_dest_phone (cb), ==, "13912345678");
  g_assert_cmpint (bbh_callback_get_status (cb), ==, BBH_CALLBACK_STATUS_TRANSFERRED);
  g_assert_cmpint (bbh_callback_get_raw_status (cb), ==, 5);
  g_assert_cmpstr (bbh_callback_get_status_text (cb), ==, "Transferred");
  g_assert_cmpstr (bbh_callback_get_create_time (cb), ==, "2024-03-05 10:00:00");
  created = bbh_callback_get_create_date_time (cb);
  g_assert_nonnull (created);
  g_assert_cmpint (g_date_time_get_hour (created), ==, 10);
  g_assert_cmpint (g_date_time_get_day_of_month (created), ==, 5);
  g_assert_cmpstr (bbh_callback_get_begin_time (cb), ==, "2024-03-05 10:00:01");
  g_assert_cmpstr (bbh_callback_get_success_time (cb), ==, "2024-03-05 10:00:06");
  g_assert_cmpstr (bbh_callback_get_end_time (cb), ==, "2024-03-05 10:03:06");
  g_assert_cmpint (bbh_callback_get_talk_time (cb), ==, 180);
  g_assert_cmpstr (bbh_callback_get_transfer_success_time (cb), ==, "2024-03-05 10:00:12");
  g_assert_cmpstr (bbh_callback_get_transfer_end_time (cb), ==, "2024-03-05 10:03:06");
  g_assert_cmpint (bbh_callback_get_transfer_time (cb), ==, 174);
  g_assert_cmpstr (bbh_callback_get_result_code (cb), ==, "200");
  g_assert_cmpstr (bbh_callback_get_error_code (cb), ==, "0");
  g_assert_cmpstr (bbh_callback_get_wav_file (cb), ==, "100008/cb/1.wav");
  g_assert_cmpstr (bbh_callback_get_extension (cb), ==, "800");
  g_assert_cmpint (bbh_callback_get_kind (cb), ==, BBH_CALLBACK_KIND_AGENT_CALL);
  g_assert_cmpstr (bbh_callback_get_url (cb), ==, "http://crm.example/cb?cbkId={cbkId}");

  g_object_get (cb, "status", &status, "status-text", &status_text, NULL);
  g_assert_cmpint (status, ==, BBH_CALLBACK_STATUS_TRANSFERRED);
  g_assert_cmpstr (status_text, ==, "Transferred");
  g_clear_object (&cb);

  /* An unknown status and a malformed date are shown as such, not guessed. */
  cb = g_list_model_get_item (model, 1);
  g_assert_cmpint (bbh_callback_get_id (cb), ==, 2);
  g_assert_cmpint (bbh_callback_get_status (cb), ==, BBH_CALLBACK_STATUS_UNKNOWN);
  g_assert_cmpint (bbh_callback_get_raw_status (cb), ==, 9);
  g_assert_cmpstr (bbh_callback_get_status_text (cb), ==, "Unknown status");
  g_assert_null (bbh_callback_get_create_date_time (cb));
  g_assert_cmpint (bbh_callback_get_talk_time (cb), ==, 0);
  g_assert_null (bbh_callback_get_source_phone (cb));
  g_assert_cmpint (bbh_callback_get_kind (cb), ==, BBH_CALLBACK_KIND_CALLBACK);
}

static void
test_callback_statuses (Fixture       *f,
                        gconstpointer  data)
{
  static const char * const texts[] = {
    "Not yet called", "Calling", "Paused", "No answer", "Answered", "Transferred",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = NULL;

  /* One row per status, as the progress of a single callback would show them. */
  bbh_test_server_queue_json (f->server, "getCallbackList",
                              "{\"code\":0,\"rows\":[{\"cbkId\":1,\"cbkStatus\":0},{\"cbkId\":1,\"cbkStatus\":\"1\"},"
                              "{\"cbkId\":1,\"cbkStatus\":2},{\"cbkId\":1,\"cbkStatus\":3},"
                              "{\"cbkId\":1,\"cbkStatus\":4},{\"cbkId\":1,\"cbkStatus\":5},{\"cbkId\":1}]}");
  model = get_list (f, 0, 25, NULL, NULL, NULL, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 7);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(BbhCallback) cb = g_list_model_get_item (model, i);

      g_assert_cmpint (bbh_callback_get_status (cb), ==, (int) i);
      g_assert_cmpstr (bbh_callback_get_status_text (cb), ==, texts[i]);
      g_assert_cmpstr (bbh_callback_status_to_string ((BbhCallbackStatus) i), ==, texts[i]);
    }

  {
    g_autoptr(BbhCallback) cb = g_list_model_get_item (model, 6);

    /* No status at all is unknown, not "not yet called". */
    g_assert_cmpint (bbh_callback_get_status (cb), ==, BBH_CALLBACK_STATUS_UNKNOWN);
  }
}

static void
test_callback_list_empty (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = NULL;
  guint64 total = 99;

  bbh_test_server_queue_json (f->server, "getCallbackList", "{\"code\":0,\"total\":0,\"rows\":null}");
  model = get_list (f, 0, 25, NULL, NULL, NULL, 0, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpuint (total, ==, 0);
  g_clear_object (&model);

  bbh_test_server_queue (f->server, "getCallbackList", 502, "text/html", "<html>Bad Gateway</html>");
  model = get_list (f, 0, 25, NULL, NULL, NULL, 0, &total, &error);
  g_assert_null (model);
  g_assert_error (error, BBH_ERROR, BBH_ERROR_HTTP);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, bbh_test_fixture_set_up, fn, bbh_test_fixture_tear_down)
  ADD ("/agent/callbacks/callback-phone/request", test_callback_phone_request);
  ADD ("/agent/callbacks/callback-phone/defaults", test_callback_phone_defaults);
  ADD ("/agent/callbacks/callback-phone/errors", test_callback_phone_errors);
  ADD ("/agent/callbacks/callback-phone/rejects", test_callback_phone_rejects);
  ADD ("/agent/callbacks/list/request", test_callback_list_request);
  ADD ("/agent/callbacks/list/every-field", test_callback_list_every_field);
  ADD ("/agent/callbacks/list/statuses", test_callback_statuses);
  ADD ("/agent/callbacks/list/empty-and-errors", test_callback_list_empty);
#undef ADD

  return g_test_run ();
}
