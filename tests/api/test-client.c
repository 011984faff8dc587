/* test-client.c — BbhClient's request plumbing and getExtension against a real SoupServer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>

#include "bbh-client-private.h"
#include "bbh-test-server.h"

typedef BbhTestFixture Fixture;

static BbhExtension *
login (Fixture  *f,
       GError  **error)
{
  bbh_test_fixture_reset (f);
  bbh_client_get_extension_async (f->client, NULL, bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  return bbh_client_get_extension_finish (f->client, f->result, error);
}

static void
test_md5_upper (void)
{
  g_autofree char *md5 = bbh_password_md5 ("abc");

  /* RFC 1321's test vector, in the upper case of the document's example. */
  g_assert_cmpstr (md5, ==, "900150983CD24FB0D6963F7D28E17F72");
}

static void
test_login_ok (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbhExtension) ext = NULL;
  BbhTestRequest *req;

  bbh_test_server_queue_json (f->server, "getExtension",
                              "{\"code\":\"0\",\"exteId\":\"7687658987667780097\",\"name\":\"张三\","
                              "\"extension\":\"800\",\"compNumber\":\"100008\",\"compName\":\"重庆测试\","
                              "\"disablePhoneNum\":\"1\",\"exteLoginType\":0,\"loginLine\":\"L1\"}");
  ext = login (f, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ext);
  /* Above 2^53: must not have passed through a double. */
  g_assert_cmpint (bbh_extension_get_id (ext), ==, G_GINT64_CONSTANT (7687658987667780097));
  g_assert_cmpstr (bbh_extension_get_name (ext), ==, "张三");
  g_assert_cmpstr (bbh_extension_get_extension (ext), ==, "800");
  g_assert_cmpstr (bbh_extension_get_company_number (ext), ==, "100008");
  g_assert_cmpstr (bbh_extension_get_company_name (ext), ==, "重庆测试");
  g_assert_true (bbh_extension_get_hide_phone_numbers (ext));
  g_assert_cmpstr (bbh_extension_get_login_line (ext), ==, "L1");

  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (req->path, ==, "/voip/api/jsondata.html");
  g_assert_cmpstr (req->http_method, ==, "GET");
  g_assert_cmpstr (bbh_test_param (req, "sa_user"), ==, "100008800");
  g_assert_cmpstr (bbh_test_param (req, "sa_password"), ==, "CBCA51A420DD10423A9ACC4DB8041D5A");
  g_assert_cmpstr (bbh_test_param (req, "method"), ==, "getExtension");
  g_assert_true (g_str_has_prefix (req->query, "sa_user=100008800&sa_password="));
}

static void
test_login_wrong_password (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbhExtension) ext = NULL;

  /* Code as a string, as the real server sometimes sends it. */
  bbh_test_server_queue_json (f->server, "getExtension", "{\"code\":\"-2\",\"message\":\"验证错误\"}");
  ext = login (f, &error);
  g_assert_null (ext);
  g_assert_error (error, BBH_ERROR, BBH_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "password"));
  g_assert_null (strstr (error->message, "CBCA51A420DD10423A9ACC4DB8041D5A"));
}

static void
test_login_not_an_agent (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbhExtension) ext = NULL;

  bbh_test_server_queue_json (f->server, "getExtension", "{\"code\":0}");
  ext = login (f, &error);
  g_assert_null (ext);
  g_assert_error (error, BBH_ERROR, BBH_ERROR_PROTOCOL);
}

typedef struct
{
  const char *name;
  guint       status;
  const char *content_type;
  const char *body;
  int         code;
} Quirk;

static const Quirk quirks[] = {
  { "html-502", 502, "text/html", "<html><body>Bad Gateway</body></html>", BBH_ERROR_HTTP },
  { "html-200", 200, "text/html", "<!DOCTYPE html><html></html>", BBH_ERROR_PROTOCOL },
  { "empty", 200, "application/json", "", BBH_ERROR_PROTOCOL },
  { "truncated", 200, "application/json", "{\"code\":0,\"exteId\":12,\"name\":\"ab", BBH_ERROR_PROTOCOL },
  { "array", 200, "application/json", "[1,2,3]", BBH_ERROR_PROTOCOL },
  { "code-garbage", 200, "application/json", "{\"code\":\"abc\"}", BBH_ERROR_PROTOCOL },
  { "unknown-code", 200, "application/json", "{\"code\":77,\"message\":\"奇怪\"}", BBH_ERROR_FAILED },
  { "success-false", 200, "application/json", "{\"success\":false,\"message\":\"no\"}", BBH_ERROR_FAILED },
  { "permission", 200, "application/json", "{\"code\":-5}", BBH_ERROR_PERMISSION },
};

static void
test_quirk_errors (Fixture       *f,
                   gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (quirks); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BbhExtension) ext = NULL;

      g_test_message ("quirk %s", quirks[i].name);
      bbh_test_server_queue (f->server, "getExtension", quirks[i].status, quirks[i].content_type, quirks[i].body);
      ext = login (f, &error);
      g_assert_null (ext);
      g_assert_error (error, BBH_ERROR, quirks[i].code);
      g_assert_cmpstr (error->message, !=, "");
      /* A body that is not the JSON we expect: the message says which HTTP status came. */
      if (quirks[i].code == BBH_ERROR_HTTP || quirks[i].code == BBH_ERROR_PROTOCOL)
        {
          g_autofree char *status = g_strdup_printf ("%u", quirks[i].status);

          g_assert_nonnull (strstr (error->message, status));
        }
    }
}

static void
test_jsonp (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbhExtension) ext = NULL;

  bbh_test_server_queue (f->server, "getExtension", 200, "application/javascript",
                         "jQuery123_456({\"code\":0,\"exteId\":5,\"extension\":\"801\"});");
  ext = login (f, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bbh_extension_get_id (ext), ==, 5);
  g_assert_cmpstr (bbh_extension_get_extension (ext), ==, "801");
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbhExtension) ext = NULL;

  bbh_client_set_timeout (f->client, 1);
  bbh_test_server_queue_delayed (f->server, "getExtension", 3000, "{\"code\":0,\"exteId\":1}");
  ext = login (f, &error);
  g_assert_null (ext);
  g_assert_error (error, BBH_ERROR, BBH_ERROR_TIMEOUT);
}

static void
test_unreachable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbhClient) client = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) addr = NULL;
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autofree char *url = NULL;
  Fixture f = { 0 };

  /* A port that was just free: nothing listens there. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  addr = g_inet_socket_address_new (lo, 0);
  g_socket_bind (socket, addr, TRUE, &error);
  g_assert_no_error (error);
  g_clear_object (&addr);
  addr = g_socket_get_local_address (socket, &error);
  url = g_strdup_printf ("http://127.0.0.1:%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (addr)));
  g_socket_close (socket, NULL);

  client = bbh_client_new (url, "100008800", "00");
  bbh_client_get_extension_async (client, NULL, bbh_test_on_result, &f);
  bbh_test_wait_for (&f.done, 20000);
  g_assert_null (bbh_client_get_extension_finish (client, f.result, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_UNREACHABLE);
  g_clear_object (&f.result);
}

static void
test_cancel_is_silent (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  bbh_test_server_queue_delayed (f->server, "getExtension", 2000, "{\"code\":0,\"exteId\":1}");
  bbh_client_get_extension_async (f->client, cancellable, bbh_test_on_result, f);
  g_cancellable_cancel (cancellable);
  bbh_test_fixture_wait_result (f);
  g_assert_null (bbh_client_get_extension_finish (f->client, f->result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
on_params_result_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  bbh_test_on_result (object, result, user_data);
}

static void
test_chinese_encoding_and_post (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = NULL;
  BbhParams *params = bbh_params_new ();
  g_autoptr(GString) big = g_string_new (NULL);
  BbhTestRequest *req;

  bbh_params_add (params, "cdrMemo", "客户要求回电 & 明天=好");
  bbh_params_add (params, "skipped", NULL);
  bbh_client_call_async (f->client, "addMemo", params, BBH_CALL_DEFAULT, NULL, NULL,
                         test_chinese_encoding_and_post, NULL, on_params_result_cb, f);
  bbh_test_fixture_wait_result (f);
  root = bbh_client_call_finish (f->client, f->result, test_chinese_encoding_and_post, &error);
  g_assert_no_error (error);
  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (bbh_test_param (req, "cdrMemo"), ==, "客户要求回电 & 明天=好");
  g_assert_false (g_hash_table_contains (req->params, "skipped"));
  /* UTF-8 percent-encoded on the wire, reserved characters too. */
  g_assert_nonnull (strstr (req->query, "cdrMemo=%E5%AE%A2"));
  g_assert_nonnull (strstr (req->query, "%26"));

  /* A long value goes as a POST form with the same fields. */
  for (guint i = 0; i < 500; i++)
    g_string_append (big, "长");
  params = bbh_params_new ();
  bbh_params_add (params, "cdrMemo", big->str);
  bbh_test_fixture_reset (f);
  g_clear_pointer (&root, json_object_unref);
  bbh_client_call_async (f->client, "addMemo", params, BBH_CALL_DEFAULT, NULL, NULL,
                         test_chinese_encoding_and_post, NULL, on_params_result_cb, f);
  bbh_test_fixture_wait_result (f);
  root = bbh_client_call_finish (f->client, f->result, test_chinese_encoding_and_post, &error);
  g_assert_no_error (error);
  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (req->http_method, ==, "POST");
  g_assert_true (g_str_has_prefix (req->content_type, "application/x-www-form-urlencoded"));
  g_assert_cmpstr (bbh_test_param (req, "cdrMemo"), ==, big->str);
  g_assert_cmpstr (bbh_test_param (req, "method"), ==, "addMemo");
}

static void
test_redact (void)
{
  g_autofree char *a = bbh_redact_uri ("http://h/x?sa_user=1&sa_password=ABCDEF&method=m");
  g_autofree char *b = bbh_redact_uri ("sa_password=ABC");

  g_assert_cmpstr (a, ==, "http://h/x?sa_user=1&sa_password=***&method=m");
  g_assert_cmpstr (b, ==, "sa_password=***");
  /* Quoted in a sentence or a page: only the value goes. */
  g_free (a);
  a = bbh_redact_uri ("参数 sa_password=ABC 错误 <b>sa_password=DEF</b>");
  g_assert_cmpstr (a, ==, "参数 sa_password=*** 错误 <b>sa_password=***</b>");
}

/* Every log line of the process while a test captures (see main()). */
static GString *captured_log;

static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  if (captured_log != NULL)
    for (gsize i = 0; i < n_fields; i++)
      if (g_str_equal (fields[i].key, "MESSAGE"))
        {
          if (fields[i].length < 0)
            g_string_append (captured_log, fields[i].value);
          else
            g_string_append_len (captured_log, fields[i].value, fields[i].length);
          g_string_append_c (captured_log, '\n');
        }
  /* The debug lines the capture turns on are not for the TAP stream on stdout. */
  if (captured_log != NULL && (log_level & G_LOG_LEVEL_DEBUG) != 0)
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static void
on_request_finished_cb (BbhClient  *client,
                        const char *method,
                        double      ms,
                        gboolean    ok,
                        GString    *trace)
{
  g_string_append_printf (trace, "%s %s\n", method, ok ? "ok" : "failed");
}

static void
assert_no_secret (const char *text)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);

  g_assert_null (strstr (text, "CBCA51A420DD10423A9ACC4DB8041D5A"));
  g_assert_null (strstr (lower, "cbca51a420dd10423a9acc4db8041d5a"));
}

/* sa_password never reaches a log line, an error or the trace — also when the server (or a
 * proxy's error page) quotes the request back. */
static void
test_password_never_leaks (Fixture       *f,
                           gconstpointer  data)
{
  static const struct {
    guint       status;
    const char *body;
  } answers[] = {
    { 200, "{\"code\":77,\"message\":\"bad request sa_user=100008800&sa_password=CBCA51A420DD10423A9ACC4DB8041D5A&method=getExtension\"}" },
    { 200, "{\"code\":\"9\",\"msg\":\"签名 cbca51a420dd10423a9acc4db8041d5a 无效\"}" },
    { 200, "{\"success\":false,\"errorMsg\":\"key CbCa51A420dd10423A9ACC4DB8041D5A\"}" },
    { 200, "{\"code\":-2,\"message\":\"sa_password=CBCA51A420DD10423A9ACC4DB8041D5A\"}" },
    { 502, "<html>Bad Gateway /voip/api/jsondata.html?sa_password=CBCA51A420DD10423A9ACC4DB8041D5A</html>" },
    { 200, "<html>sa_password=CBCA51A420DD10423A9ACC4DB8041D5A</html>" },
    { 200, "{\"code\":0,\"exteId\":\"CBCA51A420DD10423A9ACC4DB8041D5A" },
  };
  g_autoptr(GString) trace = g_string_new (NULL);
  g_autoptr(GError) timeout_error = NULL;
  g_autoptr(BbhExtension) late = NULL;
  gboolean debug_was = g_log_get_debug_enabled ();

  captured_log = g_string_new (NULL);
  g_log_set_debug_enabled (TRUE);
  g_signal_connect (f->client, "request-finished", G_CALLBACK (on_request_finished_cb), trace);

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BbhExtension) ext = NULL;

      bbh_test_server_queue (f->server, "getExtension", answers[i].status,
                             answers[i].status == 200 && answers[i].body[0] == '{'
                             ? "application/json" : "text/html", answers[i].body);
      ext = login (f, &error);
      g_assert_null (ext);
      g_assert_nonnull (error);
      g_test_message ("answer %u: %s", i, error->message);
      assert_no_secret (error->message);
      g_assert_cmpstr (error->message, !=, "");
    }
  /* The server's own words are kept, the secret in them is not. */
  bbh_test_server_queue_json (f->server, "getExtension",
                              "{\"code\":77,\"message\":\"参数 sa_password=CBCA51A420DD10423A9ACC4DB8041D5A 错误\"}");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(BbhExtension) ext = login (f, &error);

    g_assert_error (error, BBH_ERROR, BBH_ERROR_FAILED);
    g_assert_nonnull (strstr (error->message, "参数 sa_password=*** 错误"));
  }

  bbh_client_set_timeout (f->client, 1);
  bbh_test_server_queue_delayed (f->server, "getExtension", 3000, "{\"code\":0,\"exteId\":1}");
  late = login (f, &timeout_error);
  g_assert_error (timeout_error, BBH_ERROR, BBH_ERROR_TIMEOUT);
  assert_no_secret (timeout_error->message);

  g_log_set_debug_enabled (debug_was);
  /* The capture saw the client's debug lines, so it would have seen a leak. */
  g_assert_nonnull (strstr (captured_log->str, "getExtension failed: "));
  assert_no_secret (captured_log->str);
  g_assert_nonnull (strstr (trace->str, "getExtension failed\n"));
  assert_no_secret (trace->str);
  g_string_free (g_steal_pointer (&captured_log), TRUE);
}

/* Every BbhError; a new code goes here too. */
static const int error_codes[] = {
  BBH_ERROR_FAILED, BBH_ERROR_NETWORK, BBH_ERROR_AUTH, BBH_ERROR_INTERNAL,
  BBH_ERROR_PERMISSION, BBH_ERROR_SQL, BBH_ERROR_EXISTS, BBH_ERROR_NOT_FOUND,
  BBH_ERROR_OVER_MAXIMUM, BBH_ERROR_FILE_SAVE, BBH_ERROR_GROUP, BBH_ERROR_PROTOCOL,
  BBH_ERROR_HTTP, BBH_ERROR_TLS, BBH_ERROR_TIMEOUT, BBH_ERROR_UNREACHABLE,
  BBH_ERROR_UNSUPPORTED, BBH_ERROR_INVALID, BBH_ERROR_DEVICE_NOT_REGISTERED,
  BBH_ERROR_DEVICE_MAC_MISSING, BBH_ERROR_DEVICE_NOTHING,
};

/* Each code has its own sentence; an unknown server code gets the general one. */
static void
test_error_messages (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char *general = bbh_error_describe (BBH_ERROR_FAILED);

  for (guint i = 0; i < G_N_ELEMENTS (error_codes); i++)
    {
      const char *text = bbh_error_describe (error_codes[i]);

      g_test_message ("code %d: %s", error_codes[i], text);
      g_assert_nonnull (text);
      g_assert_true (g_ascii_isupper (text[0]));
      g_assert_true (g_str_has_suffix (text, "."));
      g_assert_false (g_hash_table_contains (seen, text));
      g_hash_table_add (seen, (gpointer) text);
    }
  g_assert_cmpstr (bbh_error_describe (77), ==, general);
  g_assert_cmpstr (bbh_error_describe (-4), ==, general);
}

/* …and it is translated: in Chinese every one reads differently from the English. */
static void
test_error_messages_translated (void)
{
  const char *localedir = g_getenv ("BABAIHU_LOCALEDIR");
  g_autofree char *mo = NULL;

  if (localedir == NULL)
    {
      g_test_skip ("BABAIHU_LOCALEDIR is not set (run through meson test)");
      return;
    }
  mo = g_build_filename (localedir, "zh_CN", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (mo, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the zh_CN catalogue is not built");
      return;
    }

  if (g_test_subprocess ())
    {
      g_setenv ("LANGUAGE", "zh_CN", TRUE);
      if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL && setlocale (LC_ALL, "C.UTF-8") == NULL)
        g_error ("no UTF-8 locale");
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
      for (guint i = 0; i < G_N_ELEMENTS (error_codes); i++)
        {
          const char *text = bbh_error_describe (error_codes[i]);
          gboolean chinese = FALSE;

          /* The English texts are plain ASCII; a translation has Chinese in it. */
          for (const char *p = text; *p != '\0'; p++)
            chinese |= (guchar) *p >= 0x80;
          if (!chinese)
            g_error ("code %d is not translated: %s", error_codes[i], text);
        }
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_base_url (void)
{
  g_autoptr(BbhClient) a = bbh_client_new ("voip.800ing.com:8080/", "1", "x");
  g_autoptr(BbhClient) b = bbh_client_new ("https://voip.800ing.com/voip/api/jsondata.html", "1", "x");
  g_autoptr(BbhClient) c = bbh_client_new ("http://127.0.0.1:8081", "1", "x");

  g_assert_cmpstr (bbh_client_get_base_url (a), ==, "http://voip.800ing.com:8080");
  g_assert_false (bbh_client_is_encrypted (a));
  g_assert_false (bbh_client_is_loopback (a));
  g_assert_cmpstr (bbh_client_get_base_url (b), ==, "https://voip.800ing.com");
  g_assert_true (bbh_client_is_encrypted (b));
  g_assert_true (bbh_client_is_loopback (c));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);

  g_test_add_func ("/agent/client/md5-upper", test_md5_upper);
  g_test_add_func ("/agent/client/redact", test_redact);
  g_test_add_func ("/agent/client/base-url", test_base_url);
  g_test_add_func ("/agent/client/error-messages", test_error_messages);
  g_test_add_func ("/agent/client/error-messages-translated", test_error_messages_translated);
  g_test_add_func ("/agent/client/unreachable", test_unreachable);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, bbh_test_fixture_set_up, fn, bbh_test_fixture_tear_down)
  ADD ("/agent/client/get-extension/ok", test_login_ok);
  ADD ("/agent/client/get-extension/wrong-password", test_login_wrong_password);
  ADD ("/agent/client/get-extension/not-an-agent", test_login_not_an_agent);
  ADD ("/agent/client/quirks/errors", test_quirk_errors);
  ADD ("/agent/client/quirks/jsonp", test_jsonp);
  ADD ("/agent/client/timeout", test_timeout);
  ADD ("/agent/client/cancel-is-silent", test_cancel_is_silent);
  ADD ("/agent/client/encoding-and-post", test_chinese_encoding_and_post);
  ADD ("/agent/client/password-never-leaks", test_password_never_leaks);
#undef ADD

  return g_test_run ();
}
