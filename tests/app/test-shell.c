/* test-shell.c — the application shell against a real babaihu-sandbox: login, its failures,
 * the keyring, check-in, pages and the trace
 *
 * Each test runs the real AgentApplication under Xvfb and drives it through the login page's
 * and the application's actions, as a person or `gapplication action` would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "agent-application.h"
#include "agent-home-page.h"
#include "agent-trace.h"
#include "test-app-util.h"
#include "test-sandbox-control.h"

#define DEMO_ACCOUNT   "100008800"
#define DEMO_PASSWORD  "02367073578"
#define ADMIN_ACCOUNT  "100008899"
#define ADMIN_PASSWORD "800ing-admin"
#define WAIT_MS        15000

typedef struct
{
  TestSandbox *sandbox;
  const char  *server;
  const char  *account;
  const char  *password;
  gboolean     remember;
  goffset      trace_offset;
  gpointer     extra;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  /* Settings live in memory for the whole test program: each test starts from the defaults. */
  g_settings_reset (settings, "server");
  g_settings_reset (settings, "account");
  g_settings_reset (settings, "event-transport");
  g_settings_reset (settings, "check-in-at-login");

  f->sandbox = test_sandbox_new ();
  f->server = test_sandbox_get_url (f->sandbox);
  f->account = DEMO_ACCOUNT;
  f->password = DEMO_PASSWORD;
  f->remember = FALSE;
  f->trace_offset = test_trace_offset ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->sandbox, test_sandbox_free);
}

static AgentLoginPage *
login_page_of (AgentApplication *app)
{
  return agent_window_get_login_page (agent_application_get_window (app));
}

/* Fills the login page and presses Log In, as a person would. */
static void
submit_login (AgentApplication *app,
              const char       *server,
              const char       *account,
              const char       *password,
              gboolean          remember)
{
  AgentLoginPage *page = login_page_of (app);

  TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (page)), WAIT_MS);
  agent_login_page_set_server (page, server);
  agent_login_page_set_account (page, account);
  agent_login_page_set_password (page, password);
  agent_login_page_set_remember (page, remember);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "login.submit", NULL));
}

static void
wait_logged_in (AgentApplication *app)
{
  AgentSession *session = agent_application_get_session (app);

  TEST_WAIT_UNTIL (agent_session_get_logged_in (session) ||
                   agent_login_page_get_error (login_page_of (app)) != NULL, WAIT_MS);
  g_assert_cmpstr (agent_login_page_get_error (login_page_of (app)), ==, NULL);
  g_assert_true (agent_session_get_logged_in (session));
}

static const char *
header_title (AgentApplication *app)
{
  AdwWindowTitle *title = test_template_child (agent_application_get_window (app),
                                               AGENT_TYPE_WINDOW, "window_title");

  return adw_window_title_get_title (title);
}

static JsonObject *
wait_trace (Fixture    *f,
            GPtrArray **lines,
            const char *event,
            const char *field,
            const char *value)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_MS * 1000;

  for (;;)
    {
      JsonObject *found;

      g_clear_pointer (lines, g_ptr_array_unref);
      *lines = test_trace_read (f->trace_offset);
      found = test_trace_find (*lines, event, field, value);
      if (found != NULL)
        return found;
      if (g_get_monotonic_time () > deadline)
        g_error ("No trace event %s %s=%s", event, field ? field : "", value ? value : "");
      test_iterate ();
    }
}

/* Login ------------------------------------------------------------------------------------ */

static void
login_ok_body (AgentApplication *app,
               gpointer          user_data)
{
  Fixture *f = user_data;
  AgentSession *session = agent_application_get_session (app);
  g_autoptr(GPtrArray) lines = NULL;
  BbhExtension *extension;
  JsonObject *login_ok, *shown;
  double login_ts;

  submit_login (app, f->server, f->account, f->password, FALSE);
  g_assert_true (agent_login_page_get_busy (login_page_of (app)) ||
                 agent_session_get_logged_in (session));
  wait_logged_in (app);

  /* The header says who is logged in, by name, with the extension and company. */
  extension = agent_session_get_extension (session);
  g_assert_nonnull (bbh_extension_get_name (extension));
  g_assert_cmpstr (bbh_extension_get_name (extension), !=, "");
  g_assert_cmpstr (header_title (app), ==, bbh_extension_get_name (extension));
  {
    AdwWindowTitle *title = test_template_child (agent_application_get_window (app),
                                                 AGENT_TYPE_WINDOW, "window_title");
    const char *subtitle = adw_window_title_get_subtitle (title);

    g_assert_nonnull (bbh_extension_get_company_name (extension));
    g_assert_nonnull (strstr (subtitle, bbh_extension_get_extension (extension)));
    g_assert_nonnull (strstr (subtitle, bbh_extension_get_company_name (extension)));
  }
  g_assert_cmpstr (agent_window_get_page_name (agent_application_get_window (app)), ==, "home");

  /* The sandbox is on loopback: plain http there is not marked insecure. */
  g_assert_false (gtk_widget_get_visible (test_template_child (agent_application_get_window (app),
                                                               AGENT_TYPE_WINDOW,
                                                               "insecure_icon")));

  login_ok = wait_trace (f, &lines, "login-ok", "account", DEMO_ACCOUNT);
  login_ts = json_object_get_double_member (login_ok, "ts_ms");
  shown = wait_trace (f, &lines, "window-shown", NULL, NULL);
  g_assert_cmpfloat (json_object_get_double_member (shown, "ts_ms"), >=, login_ts);
  wait_trace (f, &lines, "request", "method", "getExtension");

  /* The clear password does not outlive the login page. */
  g_assert_cmpint (test_sandbox_count_method (f->sandbox, "getExtension"), ==, 1);
}

static void
test_login_ok (Fixture       *f,
               gconstpointer  data)
{
  test_app_run (NULL, login_ok_body, f);
}

typedef struct
{
  const char *server;
  const char *account;
  const char *password;
  const char *expected;   /* a part of the message the person reads */
} FailureCase;

static gboolean
find_login_dialog (AgentApplication *app,
                   const char       *expected)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      {
        const char *body = adw_message_dialog_get_body (l->data);

        if (body != NULL && strstr (body, expected) != NULL)
          return TRUE;
      }
  return FALSE;
}

static void
login_failure_body (AgentApplication *app,
                    gpointer          user_data)
{
  Fixture *f = user_data;
  FailureCase *failure = f->extra;
  AgentLoginPage *page = login_page_of (app);
  const char *error;

  submit_login (app, failure->server, failure->account, failure->password, TRUE);
  TEST_WAIT_UNTIL (agent_login_page_get_error (page) != NULL, WAIT_MS);

  error = agent_login_page_get_error (page);
  g_test_message ("Login error: %s", error);
  g_assert_nonnull (strstr (error, failure->expected));
  g_assert_false (agent_session_get_logged_in (agent_application_get_session (app)));
  g_assert_false (agent_login_page_get_busy (page));
  g_assert_null (agent_window_get_page_name (agent_application_get_window (app)));

  /* The failed explicit action is also answered with a dialog. */
  TEST_WAIT_UNTIL (find_login_dialog (app, failure->expected), WAIT_MS);
}

static void
test_login_wrong_password (Fixture       *f,
                           gconstpointer  data)
{
  FailureCase failure = { f->server, DEMO_ACCOUNT, "not-the-password", "password is wrong" };

  f->extra = &failure;
  test_app_run (NULL, login_failure_body, f);
  g_assert_cmpint (test_sandbox_count_method (f->sandbox, "getExtension"), ==, 1);
}

static guint16
closed_port (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  return port;
}

static void
test_login_unreachable (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", closed_port ());
  FailureCase failure = { url, DEMO_ACCOUNT, DEMO_PASSWORD, "Cannot reach" };

  f->extra = &failure;
  test_app_run (NULL, login_failure_body, f);
}

/* @server answers every request with @callback, on a loopback port; returns its address. */
static char *
serve_locally (SoupServer         *server,
               SoupServerCallback  callback,
               gpointer            user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  soup_server_add_handler (server, NULL, callback, user_data, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  return g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
}

static void
on_html_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  const char *html = "<!DOCTYPE html><html><body><h1>Welcome to nginx!</h1></body></html>";

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, html, strlen (html));
}

static void
test_login_html (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autofree char *url = serve_locally (server, on_html_cb, NULL);
  FailureCase failure = { NULL, DEMO_ACCOUNT, DEMO_PASSWORD, "does not answer like an 800ing server" };

  failure.server = url;
  f->extra = &failure;
  test_app_run (NULL, login_failure_body, f);
}

/* A server that knows the account but does not let it in here (code -5). */
static void
on_no_permission_cb (SoupServer        *server,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  const char *body = "{\"code\":-5,\"message\":\"\u65e0\u6743\u9650\"}";

  (*(guint *) user_data)++;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body,
                                    strlen (body));
}

static void
test_login_no_permission (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  guint requests = 0;
  g_autofree char *url = serve_locally (server, on_no_permission_cb, &requests);
  FailureCase failure = { NULL, DEMO_ACCOUNT, DEMO_PASSWORD, "no permission to log in here" };

  failure.server = url;
  f->extra = &failure;
  test_app_run (NULL, login_failure_body, f);
  /* The server was asked; the person reads words, not the code -5. */
  g_assert_cmpuint (requests, >=, 1);
}

/* A port that accepts connections but does not speak HTTP at all. */
static gboolean
on_not_http_cb (GSocketService    *service,
                GSocketConnection *connection,
                GObject           *source,
                gpointer           user_data)
{
  const char *banner = "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n";
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));

  g_output_stream_write_all (out, banner, strlen (banner), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static void
test_login_not_a_server (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GSocketService) service = g_socket_service_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  FailureCase failure = { NULL, DEMO_ACCOUNT, DEMO_PASSWORD, "does not answer like an 800ing server" };

  g_socket_listener_add_address (G_SOCKET_LISTENER (service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "incoming", G_CALLBACK (on_not_http_cb), NULL);
  g_socket_service_start (service);
  url = g_strdup_printf ("http://127.0.0.1:%u",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));

  failure.server = url;
  f->extra = &failure;
  test_app_run (NULL, login_failure_body, f);
  g_socket_service_stop (service);
}

static void
invalid_account_body (AgentApplication *app,
                      gpointer          user_data)
{
  Fixture *f = user_data;
  AgentLoginPage *page = login_page_of (app);

  submit_login (app, f->server, "agent-800", DEMO_PASSWORD, FALSE);
  g_assert_nonnull (agent_login_page_get_error (page));
  g_assert_nonnull (strstr (agent_login_page_get_error (page), "digits"));
  g_assert_false (agent_login_page_get_busy (page));
  g_assert_false (agent_session_get_busy (agent_application_get_session (app)));
}

static void
test_login_invalid_account (Fixture       *f,
                            gconstpointer  data)
{
  test_app_run (NULL, invalid_account_body, f);
  /* Nothing was sent for an account that cannot be right. */
  g_assert_cmpint (test_sandbox_count_method (f->sandbox, "getExtension"), ==, 0);
}

/* The three choices of server, as the page offers and reads them. */
static void
test_login_presets (void)
{
  AgentLoginPage *page = g_object_ref_sink (AGENT_LOGIN_PAGE (agent_login_page_new ()));
  AdwComboRow *server_row = test_template_child (page, AGENT_TYPE_LOGIN_PAGE, "server_row");
  GtkWidget *custom_row = test_template_child (page, AGENT_TYPE_LOGIN_PAGE, "custom_server_row");
  g_autofree char *sandbox = NULL;
  g_autofree char *cloud = NULL;
  g_autofree char *custom = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (server_row)), ==, 3);

  adw_combo_row_set_selected (server_row, AGENT_SERVER_SANDBOX);
  sandbox = agent_login_page_get_server (page);
  g_assert_null (sandbox);
  g_assert_false (gtk_widget_get_visible (custom_row));

  adw_combo_row_set_selected (server_row, AGENT_SERVER_800ING);
  cloud = agent_login_page_get_server (page);
  g_assert_cmpstr (cloud, ==, "http://voip.800ing.com:8080");
  g_assert_false (gtk_widget_get_visible (custom_row));

  /* A remembered address picks its preset again. */
  agent_login_page_set_server (page, "https://cc.example.com:8443 ");
  g_assert_cmpint (agent_login_page_get_preset (page), ==, AGENT_SERVER_CUSTOM);
  g_assert_true (gtk_widget_get_visible (custom_row));
  custom = agent_login_page_get_server (page);
  g_assert_cmpstr (custom, ==, "https://cc.example.com:8443");
  agent_login_page_set_server (page, "http://voip.800ing.com:8080");
  g_assert_cmpint (agent_login_page_get_preset (page), ==, AGENT_SERVER_800ING);
  agent_login_page_set_server (page, NULL);
  g_assert_cmpint (agent_login_page_get_preset (page), ==, AGENT_SERVER_SANDBOX);

  g_object_unref (page);
}

/* "Demo sandbox" on the login page: the sandbox starts and the demo agent is in. */
static void
sandbox_preset_body (AgentApplication *app,
                     gpointer          user_data)
{
  submit_login (app, NULL, DEMO_ACCOUNT, DEMO_PASSWORD, FALSE);
  wait_logged_in (app);
  g_assert_true (agent_sandbox_get_running (agent_application_get_sandbox (app)));
  g_assert_cmpstr (agent_session_get_server (agent_application_get_session (app)), ==,
                   agent_sandbox_get_url (agent_application_get_sandbox (app)));
  g_assert_true (agent_window_get_sandbox (agent_application_get_window (app)));
}

static void
test_login_sandbox_preset (Fixture       *f,
                           gconstpointer  data)
{
  test_app_run (NULL, sandbox_preset_body, f);
}

/* Keyring ---------------------------------------------------------------------------------- */

typedef struct
{
  gboolean done;
  char    *secret;
} Lookup;

static void
on_lookup_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Lookup *lookup = user_data;
  g_autoptr(GError) error = NULL;

  lookup->secret = secret_password_lookup_finish (result, &error);
  g_assert_no_error (error);
  lookup->done = TRUE;
}

static char *
keyring_lookup (const char *server,
                const char *account)
{
  Lookup lookup = { 0 };

  secret_password_lookup (agent_credentials_get_schema (), NULL, on_lookup_cb, &lookup,
                          "server", server, "account", account, NULL);
  TEST_WAIT_UNTIL (lookup.done, WAIT_MS);
  return lookup.secret;
}

static void
remember_body (AgentApplication *app,
               gpointer          user_data)
{
  Fixture *f = user_data;
  g_autofree char *md5 = bbh_password_md5 (DEMO_PASSWORD);
  char *secret = NULL;

  submit_login (app, f->server, DEMO_ACCOUNT, DEMO_PASSWORD, TRUE);
  wait_logged_in (app);

  /* What is kept is the MD5 the server wants — never the clear password. */
  TEST_WAIT_UNTIL ((secret = keyring_lookup (f->server, DEMO_ACCOUNT)) != NULL, WAIT_MS);
  g_assert_cmpstr (secret, ==, md5);
  g_assert_cmpstr (secret, !=, DEMO_PASSWORD);
  secret_password_free (secret);
}

static void
auto_login_body (AgentApplication *app,
                 gpointer          user_data)
{
  Fixture *f = user_data;
  AgentSession *session = agent_application_get_session (app);
  g_autoptr(GPtrArray) lines = NULL;

  /* A page asked for while the login from the keyring is on its way is shown after it. */
  g_assert_false (agent_session_get_logged_in (session));
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-page", g_variant_new_string ("history"));

  /* Nobody types anything: the stored secret logs in. */
  TEST_WAIT_UNTIL (agent_session_get_logged_in (session), WAIT_MS);
  wait_trace (f, &lines, "page-shown", "page", "history");
  g_assert_cmpstr (agent_window_get_page_name (agent_application_get_window (app)), ==, "history");
  g_assert_cmpstr (agent_session_get_account (session), ==, DEMO_ACCOUNT);
  g_assert_cmpstr (header_title (app), ==,
                   bbh_extension_get_name (agent_session_get_extension (session)));
  wait_trace (f, &lines, "login-ok", "account", DEMO_ACCOUNT);

  /* Logging out forgets it. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "logout", NULL);
  TEST_WAIT_UNTIL (!agent_session_get_logged_in (session), WAIT_MS);
  TEST_WAIT_UNTIL (keyring_lookup (f->server, DEMO_ACCOUNT) == NULL, WAIT_MS);
  g_assert_null (agent_window_get_page_name (agent_application_get_window (app)));
  g_assert_cmpstr (agent_login_page_get_account (login_page_of (app)), ==, DEMO_ACCOUNT);
}

static void
no_auto_login_body (AgentApplication *app,
                    gpointer          user_data)
{
  AgentSession *session = agent_application_get_session (app);
  AgentLoginPage *page = login_page_of (app);

  /* The next start after a logout stays on the login page, the account filled in. */
  TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (page)), WAIT_MS);
  for (guint i = 0; i < 10; i++)
    test_iterate ();
  g_assert_false (agent_session_get_logged_in (session));
  g_assert_false (agent_session_get_busy (session));
  g_assert_cmpstr (agent_login_page_get_account (page), ==, DEMO_ACCOUNT);

  /* …and the password field has the keyboard: that is all there is left to type. */
  {
    GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (agent_application_get_window (app)));
    GtkWidget *password_row = test_template_child (page, AGENT_TYPE_LOGIN_PAGE, "password_row");

    g_assert_nonnull (focus);
    g_assert_true (focus == password_row || gtk_widget_is_ancestor (focus, password_row));
  }
}

static void
test_keyring (Fixture       *f,
              gconstpointer  data)
{
  test_app_run (NULL, remember_body, f);
  g_assert_cmpint (test_sandbox_count_method (f->sandbox, "getExtension"), ==, 1);

  test_app_run (NULL, auto_login_body, f);
  g_assert_cmpint (test_sandbox_count_method (f->sandbox, "getExtension"), ==, 2);

  test_app_run (NULL, no_auto_login_body, f);
  g_assert_cmpint (test_sandbox_count_method (f->sandbox, "getExtension"), ==, 2);
}

/* Check-in --------------------------------------------------------------------------------- */

static guint
count_check_in (TestSandbox *sandbox,
                const char  *status)
{
  g_autoptr(JsonNode) root = test_sandbox_dup_requests (sandbox);
  JsonArray *requests = json_object_get_array_member (json_node_get_object (root), "requests");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *request = json_array_get_object_element (requests, i);
      JsonObject *params = json_object_get_object_member (request, "params");

      if (g_strcmp0 (json_object_get_string_member (request, "method"), "setUserCheckInOut") == 0 &&
          params != NULL &&
          g_strcmp0 (json_object_get_string_member_with_default (params, "status", ""), status) == 0)
        n++;
    }
  return n;
}

static void
check_in_body (AgentApplication *app,
               gpointer          user_data)
{
  Fixture *f = user_data;
  AgentSession *session = agent_application_get_session (app);
  AgentWindow *window = agent_application_get_window (app);
  GtkSwitch *check_in_switch = test_template_child (window, AGENT_TYPE_WINDOW, "check_in_switch");
  g_autoptr(GPtrArray) lines = NULL;

  submit_login (app, f->server, DEMO_ACCOUNT, DEMO_PASSWORD, FALSE);
  wait_logged_in (app);

  /* "Check in at login" is on by default. */
  TEST_WAIT_UNTIL (agent_session_get_checked_in (session), WAIT_MS);
  g_assert_true (gtk_switch_get_state (check_in_switch));
  g_assert_cmpuint (count_check_in (f->sandbox, "0"), ==, 1);

  g_action_group_activate_action (G_ACTION_GROUP (app), "check-in", g_variant_new_boolean (FALSE));
  TEST_WAIT_UNTIL (!agent_session_get_checked_in (session), WAIT_MS);
  g_assert_false (gtk_switch_get_state (check_in_switch));
  g_assert_false (gtk_switch_get_active (check_in_switch));
  g_assert_cmpuint (count_check_in (f->sandbox, "1"), ==, 1);
  wait_trace (f, &lines, "check-in", "checked_in", "false");

  /* The switch in the header goes through the same action. */
  gtk_switch_set_active (check_in_switch, TRUE);
  TEST_WAIT_UNTIL (agent_session_get_checked_in (session), WAIT_MS);
  g_assert_true (gtk_switch_get_state (check_in_switch));
  g_assert_cmpuint (count_check_in (f->sandbox, "0"), ==, 2);

  /* The action always asks the server, even for the state it is in. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "check-in", g_variant_new_boolean (TRUE));
  TEST_WAIT_UNTIL (count_check_in (f->sandbox, "0") == 3, WAIT_MS);
  g_assert_true (agent_session_get_checked_in (session));
}

static void
test_check_in (Fixture       *f,
               gconstpointer  data)
{
  double quit_ms = test_app_run (NULL, check_in_body, f);

  /* Quitting checks out, within the bounded wait. */
  g_assert_cmpuint (count_check_in (f->sandbox, "1"), ==, 2);
  g_assert_cmpfloat (quit_ms, <, 5000);
}

/* Pages ------------------------------------------------------------------------------------ */

static void
pages_body (AgentApplication *app,
            gpointer          user_data)
{
  Fixture *f = user_data;
  AgentWindow *window = agent_application_get_window (app);
  g_autoptr(GPtrArray) lines = NULL;
  JsonObject *shown;
  GListModel *calls;
  guint today_before;

  submit_login (app, f->server, f->account, f->password, FALSE);
  wait_logged_in (app);

  /* home counts today's calls, once they are on screen. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-page", g_variant_new_string ("home"));
  shown = wait_trace (f, &lines, "page-shown", "page", "home");
  calls = agent_home_page_get_calls (AGENT_HOME_PAGE (agent_window_get_page (window, "home")));
  g_assert_nonnull (calls);
  today_before = json_object_get_int_member (shown, "rows");
  g_assert_cmpuint (today_before, >=, g_list_model_get_n_items (calls));

  /* A call placed now is one more today — the count comes from the server. */
  test_sandbox_call (f->sandbox, "800", "13800138000", "in", 100, 200, FALSE);

  /* Its events reach the session and the trace, with what a benchmark needs. */
  shown = wait_trace (f, &lines, "event-received", "phone", "13800138000");
  g_assert_cmpint (json_object_get_int_member (shown, "kind"), ==, 2);
  g_assert_true (json_object_has_member (shown, "status"));
  g_assert_cmpint (json_object_get_int_member (shown, "msg_time"), >, G_GINT64_CONSTANT (1600000000000));
  {
    gint64 deadline = g_get_monotonic_time () + WAIT_MS * 1000;
    gint64 rows;

    /* The record appears once the call has ended; show the page again until it is there. */
    do
      {
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        f->trace_offset = test_trace_offset ();
        g_action_group_activate_action (G_ACTION_GROUP (app), "show-page",
                                        g_variant_new_string ("home"));
        shown = wait_trace (f, &lines, "page-shown", "page", "home");
        rows = json_object_get_int_member (shown, "rows");
        g_assert_cmpint (rows, <=, today_before + 1);
      }
    while (rows != today_before + 1);
  }

  /* The memos page lists the agent's own latest memos; the demo agent has some. */
  f->trace_offset = test_trace_offset ();
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-page", g_variant_new_string ("memos"));
  shown = wait_trace (f, &lines, "page-shown", "page", "memos");
  g_assert_cmpint (json_object_get_int_member (shown, "rows"), >, 0);
  g_assert_cmpstr (agent_window_get_page_name (window), ==, "memos");

  /* An administrator's page, as an agent: denied, and nothing else changes. */
  f->trace_offset = test_trace_offset ();
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-page", g_variant_new_string ("agents"));
  wait_trace (f, &lines, "page-denied", "page", "agents");
  g_assert_null (test_trace_find (lines, "page-shown", "page", "agents"));
  g_assert_cmpstr (agent_window_get_page_name (window), ==, "memos");

  /* The same page again still ends in page-shown. */
  f->trace_offset = test_trace_offset ();
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-page", g_variant_new_string ("memos"));
  wait_trace (f, &lines, "page-shown", "page", "memos");
}

static void
test_pages (Fixture       *f,
            gconstpointer  data)
{
  test_app_run (NULL, pages_body, f);
}

static void
admin_pages_body (AgentApplication *app,
                  gpointer          user_data)
{
  Fixture *f = user_data;
  AgentWindow *window = agent_application_get_window (app);
  g_autoptr(GPtrArray) lines = NULL;

  submit_login (app, f->server, ADMIN_ACCOUNT, ADMIN_PASSWORD, FALSE);
  wait_logged_in (app);
  g_assert_true (agent_session_get_is_admin (agent_application_get_session (app)));

  g_action_group_activate_action (G_ACTION_GROUP (app), "show-page", g_variant_new_string ("agents"));
  wait_trace (f, &lines, "page-shown", "page", "agents");
  g_assert_null (test_trace_find (lines, "page-denied", "page", "agents"));
  g_assert_cmpstr (agent_window_get_page_name (window), ==, "agents");
}

static void
test_admin_pages (Fixture       *f,
                  gconstpointer  data)
{
  test_app_run (NULL, admin_pages_body, f);
}

/* Before login ----------------------------------------------------------------------------- */

static void
before_login_body (AgentApplication *app,
                   gpointer          user_data)
{
  AgentLoginPage *page = login_page_of (app);
  static const struct { const char *action; const char *type; const char *value; } actions[] = {
    { "show-page", "s", "history" },
    { "dial", "s", "13800138000" },
    { "open-customer", "s", "13800138000" },
    { "play-recording", "s", "7687658987667780097" },
    { "check-in", "b", NULL },
  };

  TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (page)), WAIT_MS);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      GVariant *parameter = g_str_equal (actions[i].type, "b") ? g_variant_new_boolean (TRUE)
                                                                : g_variant_new_string (actions[i].value);

      agent_login_page_set_error (page, NULL);
      g_action_group_activate_action (G_ACTION_GROUP (app), actions[i].action, parameter);
      test_iterate ();

      /* Answered with the login page and a message. */
      g_assert_nonnull (agent_login_page_get_error (page));
      g_assert_null (agent_window_get_page_name (agent_application_get_window (app)));
      g_assert_false (agent_session_get_logged_in (agent_application_get_session (app)));
    }
}

static void
test_before_login (Fixture       *f,
                   gconstpointer  data)
{
  test_app_run (NULL, before_login_body, f);
  g_assert_cmpint (test_sandbox_count_method (f->sandbox, "setUserCheckInOut"), ==, 0);
}

/* The server ends the session ---------------------------------------------------------------- */

typedef struct
{
  gboolean  done;
  char     *password;
} Reset;

static void
on_password_reset_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Reset *reset = user_data;
  g_autoptr(GError) error = NULL;

  reset->password = bbh_client_init_extension_password_finish (BBH_CLIENT (object), result, &error);
  g_assert_no_error (error);
  reset->done = TRUE;
}

static void
ended_body (AgentApplication *app,
            gpointer          user_data)
{
  Fixture *f = user_data;
  AgentSession *session = agent_application_get_session (app);
  g_autofree char *admin_md5 = bbh_password_md5 (ADMIN_PASSWORD);
  g_autoptr(BbhClient) admin = bbh_client_new (f->server, ADMIN_ACCOUNT, admin_md5);
  AgentLoginPage *page = login_page_of (app);
  Reset reset = { 0 };

  g_settings_set_string (agent_application_get_settings (app), "event-transport", "polling");
  submit_login (app, f->server, DEMO_ACCOUNT, DEMO_PASSWORD, TRUE);
  wait_logged_in (app);

  /* The administrator gives the agent a new password: the old one stops working. */
  bbh_client_init_extension_password_async (admin,
                                            bbh_extension_get_id (agent_session_get_extension (session)),
                                            NULL, on_password_reset_cb, &reset);
  TEST_WAIT_UNTIL (reset.done, WAIT_MS);
  g_assert_cmpstr (reset.password, !=, DEMO_PASSWORD);

  /* The agent is told, on the login page; the remembered password is forgotten. */
  TEST_WAIT_UNTIL (!agent_session_get_logged_in (session), WAIT_MS);
  TEST_WAIT_UNTIL (agent_login_page_get_error (page) != NULL, WAIT_MS);
  g_assert_nonnull (strstr (agent_login_page_get_error (page), "logged out"));
  g_assert_null (agent_window_get_page_name (agent_application_get_window (app)));
  TEST_WAIT_UNTIL (keyring_lookup (f->server, DEMO_ACCOUNT) == NULL, WAIT_MS);

  g_free (reset.password);
  g_settings_reset (agent_application_get_settings (app), "event-transport");
}

static void
test_session_ended (Fixture       *f,
                    gconstpointer  data)
{
  test_app_run (NULL, ended_body, f);
}

/* Command line, sandbox, quit -------------------------------------------------------------- */

static void
password_file_body (AgentApplication *app,
                    gpointer          user_data)
{
  Fixture *f = user_data;

  wait_logged_in (app);
  g_assert_cmpstr (agent_session_get_account (agent_application_get_session (app)), ==, DEMO_ACCOUNT);
  g_assert_false (agent_window_get_sandbox (agent_application_get_window (app)));
  (void) f;
}

static void
test_password_file (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *file = test_write_password_file (DEMO_PASSWORD "\n");
  const char *argv[] = { "--server", f->server, "--account", DEMO_ACCOUNT,
                         "--password-file", file, NULL };

  test_app_run (argv, password_file_body, f);
  g_unlink (file);
  g_assert_cmpint (test_sandbox_count_method (f->sandbox, "getExtension"), ==, 1);
}

static void
sandbox_body (AgentApplication *app,
              gpointer          user_data)
{
  AgentSandbox **sandbox = user_data;
  goffset offset = test_trace_offset ();
  AgentWindow *window = agent_application_get_window (app);
  GtkInfoBar *bar = test_template_child (window, AGENT_TYPE_WINDOW, "sandbox_bar");

  wait_logged_in (app);
  g_assert_cmpstr (agent_session_get_account (agent_application_get_session (app)), ==, DEMO_ACCOUNT);
  TEST_WAIT_UNTIL (agent_session_get_checked_in (agent_application_get_session (app)), WAIT_MS);
  g_assert_true (agent_window_get_sandbox (window));
  g_assert_true (gtk_info_bar_get_revealed (bar));
  g_assert_true (agent_sandbox_get_running (agent_application_get_sandbox (app)));
  g_assert_nonnull (agent_sandbox_get_url (agent_application_get_sandbox (app)));

  *sandbox = g_object_ref (agent_application_get_sandbox (app));

  /* `make run`'s promise: a real pop-up within a minute of starting, from the simulator
   * alone. */
  {
    gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
    g_autoptr(GPtrArray) lines = NULL;

    for (;;)
      {
        g_clear_pointer (&lines, g_ptr_array_unref);
        lines = test_trace_read (offset);
        if (test_trace_find (lines, "popup-shown", NULL, NULL) != NULL)
          break;
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        test_iterate ();
      }
  }
}

static void
test_sandbox_mode (Fixture       *f,
                   gconstpointer  data)
{
  const char *argv[] = { "--sandbox", NULL };
  g_autoptr(AgentSandbox) sandbox = NULL;
  double quit_ms;

  quit_ms = test_app_run (argv, sandbox_body, &sandbox);
  g_assert_nonnull (sandbox);
  /* Quitting stopped the sandbox the application started. */
  g_assert_false (agent_sandbox_get_running (sandbox));
  g_assert_cmpfloat (quit_ms, <, 5000);
}

static void
quit_unreachable_body (AgentApplication *app,
                       gpointer          user_data)
{
  Fixture *f = user_data;

  submit_login (app, f->server, DEMO_ACCOUNT, DEMO_PASSWORD, FALSE);
  wait_logged_in (app);
  TEST_WAIT_UNTIL (agent_session_get_checked_in (agent_application_get_session (app)), WAIT_MS);

  /* The server stops answering: quitting must not wait for it. */
  test_sandbox_fault (f->sandbox, "slow", 20000);
}

static void
test_quit_bounded (Fixture       *f,
                   gconstpointer  data)
{
  double quit_ms = test_app_run (NULL, quit_unreachable_body, f);

  g_test_message ("quit took %.0f ms", quit_ms);
  g_assert_cmpfloat (quit_ms, <, 5000);
  test_sandbox_fault (f->sandbox, "none", 0);
}

/* Connection ------------------------------------------------------------------------------- */

/* Follows the connection bar through an outage: each new attempt (retry-in back to 0 while
 * disconnected), and each time the bar was down while nothing was connected. */
typedef struct
{
  AgentSession *session;
  GtkInfoBar   *bar;
  guint         attempts;
  guint         blinks;
  gboolean      said_retrying_now;
} OutageWatch;

static void
on_outage_retry_in_cb (AgentSession *session,
                       GParamSpec   *pspec,
                       OutageWatch  *watch)
{
  if (agent_session_get_connected (session))
    return;
  if (!gtk_info_bar_get_revealed (watch->bar))
    watch->blinks++;
  if (agent_session_get_retry_in (session) == 0)
    {
      GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (watch->bar), AGENT_TYPE_WINDOW);
      GtkLabel *label = test_template_child (window, AGENT_TYPE_WINDOW, "connection_label");

      watch->attempts++;
      if (strstr (gtk_label_get_label (label), "retrying now") != NULL)
        watch->said_retrying_now = TRUE;
    }
}

static void
on_outage_revealed_cb (GtkInfoBar  *bar,
                       GParamSpec  *pspec,
                       OutageWatch *watch)
{
  if (!gtk_info_bar_get_revealed (bar) && !agent_session_get_connected (watch->session))
    watch->blinks++;
}

static void
connection_body (AgentApplication *app,
                 gpointer          user_data)
{
  Fixture *f = user_data;
  AgentSession *session = agent_application_get_session (app);
  AgentWindow *window = agent_application_get_window (app);
  GtkInfoBar *bar = test_template_child (window, AGENT_TYPE_WINDOW, "connection_bar");
  GtkLabel *label = test_template_child (window, AGENT_TYPE_WINDOW, "connection_label");
  GtkImage *indicator = test_template_child (window, AGENT_TYPE_WINDOW, "connection_icon");

  /* Polling answers at once, so "connected" is known within a second; a long poll would
   * only answer when something happens. */
  g_settings_set_string (agent_application_get_settings (app), "event-transport", "polling");

  submit_login (app, f->server, DEMO_ACCOUNT, DEMO_PASSWORD, FALSE);
  wait_logged_in (app);
  TEST_WAIT_UNTIL (agent_session_get_connected (session), WAIT_MS);
  g_assert_false (gtk_info_bar_get_revealed (bar));
  g_assert_cmpstr (gtk_image_get_icon_name (indicator), ==, "network-transmit-receive-symbolic");

  /* The server goes away: the bar says so and counts down to the next try. */
  test_sandbox_fault (f->sandbox, "down", 60000);
  TEST_WAIT_UNTIL (gtk_info_bar_get_revealed (bar), 60000);
  g_assert_false (agent_session_get_connected (session));
  g_assert_cmpstr (gtk_image_get_icon_name (indicator), ==, "network-offline-symbolic");
  g_assert_nonnull (strstr (gtk_label_get_label (label), "Connection lost"));
  /* It counts down to the next try, in seconds. */
  TEST_WAIT_UNTIL (g_regex_match_simple ("^Connection lost — retrying in [0-9]+ seconds?$",
                                         gtk_label_get_label (label), 0, 0), 30000);

  /* While it stays away the bar stays too, through each new attempt: it says it is retrying
   * now rather than blink off and on. */
  {
    OutageWatch watch = { session, bar, 0, 0, FALSE };
    gulong retry_id = g_signal_connect (session, "notify::retry-in",
                                        G_CALLBACK (on_outage_retry_in_cb), &watch);
    gulong revealed_id = g_signal_connect (bar, "notify::revealed",
                                           G_CALLBACK (on_outage_revealed_cb), &watch);

    TEST_WAIT_UNTIL (watch.attempts >= 2, 30000);
    g_signal_handler_disconnect (session, retry_id);
    g_signal_handler_disconnect (bar, revealed_id);
    g_assert_cmpuint (watch.blinks, ==, 0);
    g_assert_true (watch.said_retrying_now);
    g_assert_true (gtk_info_bar_get_revealed (bar));
    g_assert_false (agent_session_get_connected (session));
  }

  /* It is back; Retry Now does not wait for the countdown. */
  test_sandbox_fault (f->sandbox, "none", 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.retry-connection", NULL);
  TEST_WAIT_UNTIL (!gtk_info_bar_get_revealed (bar), 5000);

  TEST_WAIT_UNTIL (agent_session_get_connected (session), WAIT_MS);
  g_assert_cmpstr (gtk_image_get_icon_name (indicator), ==, "network-transmit-receive-symbolic");
  g_assert_false (gtk_info_bar_get_revealed (bar));

  g_settings_reset (agent_application_get_settings (app), "event-transport");
}

static void
test_connection (Fixture       *f,
                 gconstpointer  data)
{
  test_app_run (NULL, connection_body, f);
}

/* D-Bus ------------------------------------------------------------------------------------ */

static void
dbus_body (AgentApplication *app,
           gpointer          user_data)
{
  Fixture *f = user_data;
  GDBusConnection *bus = g_application_get_dbus_connection (G_APPLICATION (app));
  g_autoptr(GDBusActionGroup) remote = NULL;
  g_autoptr(GPtrArray) lines = NULL;

  submit_login (app, f->server, DEMO_ACCOUNT, DEMO_PASSWORD, FALSE);
  wait_logged_in (app);

  /* What `gapplication action org.babaihu.Agent show-page "'history'"` does. */
  g_assert_nonnull (bus);
  remote = g_dbus_action_group_get (bus, g_application_get_application_id (G_APPLICATION (app)),
                                    g_application_get_dbus_object_path (G_APPLICATION (app)));
  g_action_group_activate_action (G_ACTION_GROUP (remote), "show-page",
                                  g_variant_new_string ("history"));
  wait_trace (f, &lines, "page-shown", "page", "history");
  g_assert_cmpstr (agent_window_get_page_name (agent_application_get_window (app)), ==, "history");

  g_action_group_activate_action (G_ACTION_GROUP (remote), "check-in", g_variant_new_boolean (FALSE));
  wait_trace (f, &lines, "check-in", "checked_in", "false");
  g_assert_false (agent_session_get_checked_in (agent_application_get_session (app)));

  g_action_group_activate_action (G_ACTION_GROUP (remote), "check-in", g_variant_new_boolean (TRUE));
  wait_trace (f, &lines, "check-in", "checked_in", "true");
  TEST_WAIT_UNTIL (agent_session_get_checked_in (agent_application_get_session (app)), WAIT_MS);

  /* `gapplication action org.babaihu.Agent logout`: checked out, logged out, the login page. */
  g_action_group_activate_action (G_ACTION_GROUP (remote), "logout", NULL);
  wait_trace (f, &lines, "check-in", "reason", "logout");
  TEST_WAIT_UNTIL (!agent_session_get_logged_in (agent_application_get_session (app)), WAIT_MS);
  g_assert_null (agent_window_get_page_name (agent_application_get_window (app)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (login_page_of (app))));
  g_assert_cmpuint (count_check_in (f->sandbox, "1"), ==, 2);
}

static void
test_dbus (Fixture       *f,
           gconstpointer  data)
{
  test_app_run (NULL, dbus_body, f);
}

/* Trace ------------------------------------------------------------------------------------ */

static void
test_trace_lines (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *md5 = bbh_password_md5 (DEMO_PASSWORD);
  g_autofree char *md5_lower = g_ascii_strdown (md5, -1);
  GError *error = NULL;

  test_app_run (NULL, login_ok_body, f);

  /* Every line of the whole run so far is a JSON object with ts_ms and event. */
  lines = test_trace_read (0);
  g_assert_cmpuint (lines->len, >, 0);
  for (guint i = 0; i < lines->len; i++)
    {
      JsonObject *line = g_ptr_array_index (lines, i);
      JsonNode *ts = json_object_get_member (line, "ts_ms");
      const char *event = json_object_get_string_member_with_default (line, "event", NULL);

      g_assert_nonnull (ts);
      g_assert_true (json_node_get_value_type (ts) == G_TYPE_DOUBLE ||
                     json_node_get_value_type (ts) == G_TYPE_INT64);
      g_assert_cmpfloat (json_node_get_double (ts), >, 1.6e12);
      g_assert_nonnull (event);

      if (g_str_equal (event, "request"))
        {
          g_assert_nonnull (json_object_get_string_member_with_default (line, "method", NULL));
          g_assert_true (json_object_has_member (line, "ms"));
          g_assert_true (json_object_has_member (line, "ok"));
        }
      else if (g_str_equal (event, "page-shown"))
        {
          g_assert_nonnull (json_object_get_string_member_with_default (line, "page", NULL));
          g_assert_true (json_object_has_member (line, "rows"));
        }
      else if (g_str_equal (event, "check-in"))
        {
          g_assert_true (json_object_has_member (line, "checked_in"));
          g_assert_true (json_object_has_member (line, "ok"));
        }
    }

  /* Secrets never reach the trace. */
  g_file_get_contents (test_trace_path (), &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (contents, DEMO_PASSWORD));
  g_assert_null (strstr (contents, ADMIN_PASSWORD));
  g_assert_null (strstr (contents, md5));
  g_assert_null (strstr (contents, md5_lower));
  g_assert_null (strstr (contents, "sa_password"));
}

/* The session on its own ---------------------------------------------------------------------- */

typedef struct
{
  guint   loads;
  guint   saves;
  gint64  saved;
  char   *server;
  char   *account;
  guint   events;
} Store;

static gint64
store_load_cb (AgentSession *session,
               const char   *server,
               const char   *account,
               gpointer      user_data)
{
  Store *store = user_data;

  store->loads++;
  g_free (store->server);
  store->server = g_strdup (server);
  g_free (store->account);
  store->account = g_strdup (account);
  return 1;
}

static void
store_save_cb (AgentSession *session,
               const char   *server,
               const char   *account,
               gint64        watermark,
               gpointer      user_data)
{
  Store *store = user_data;

  store->saves++;
  store->saved = watermark;
}

static void
on_call_event_cb (AgentSession *session,
                  BbhEvent     *event,
                  gpointer      user_data)
{
  Store *store = user_data;

  g_assert_true (BBH_IS_EVENT (event));
  store->events++;
}

static void
on_session_login_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  BbhExtension **extension = user_data;
  g_autoptr(GError) error = NULL;

  *extension = agent_session_login_finish (AGENT_SESSION (object), result, &error);
  g_assert_no_error (error);
}

static void
on_session_logout_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_true (agent_session_logout_finish (AGENT_SESSION (object), result, NULL));
  *done = TRUE;
}

static void
test_session_watermark (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(AgentSession) session = NULL;
  g_autoptr(BbhExtension) extension = NULL;
  g_autofree char *md5 = bbh_password_md5 (DEMO_PASSWORD);
  Store store = { 0 };
  gboolean logged_out = FALSE;

  g_settings_set_string (settings, "event-transport", "polling");
  g_settings_set_boolean (settings, "check-in-at-login", FALSE);
  session = agent_session_new (settings);
  agent_session_set_watermark_store (session, store_load_cb, store_save_cb, &store, NULL);
  g_signal_connect (session, "call-event", G_CALLBACK (on_call_event_cb), &store);

  agent_session_login_async (session, f->server, DEMO_ACCOUNT, md5, NULL,
                             on_session_login_cb, &extension);
  TEST_WAIT_UNTIL (extension != NULL, WAIT_MS);
  g_assert_true (agent_session_get_logged_in (session));
  g_assert_false (agent_session_get_checked_in (session));

  /* The store was asked for this server and account before the stream started. */
  g_assert_cmpuint (store.loads, ==, 1);
  g_assert_cmpstr (store.account, ==, DEMO_ACCOUNT);
  g_assert_nonnull (strstr (store.server, "127.0.0.1"));

  /* A call moves the watermark forward; the store hears of it and the event is forwarded. */
  test_sandbox_call (f->sandbox, "800", "13800138000", "in", 200, 0, FALSE);
  TEST_WAIT_UNTIL (store.events > 0 && store.saves > 0, WAIT_MS);
  g_assert_cmpint (store.saved, >, 1);
  g_assert_cmpint (store.saved, ==, bbh_event_stream_get_watermark (agent_session_get_event_stream (session)));

  /* Nobody was checked in, so logging out does not check out. */
  agent_session_logout_async (session, on_session_logout_cb, &logged_out);
  TEST_WAIT_UNTIL (logged_out, WAIT_MS);
  g_assert_false (agent_session_get_logged_in (session));
  g_assert_null (agent_session_get_event_stream (session));
  g_assert_cmpuint (test_sandbox_count_method (f->sandbox, "setUserCheckInOut"), ==, 0);

  g_settings_reset (settings, "event-transport");
  g_settings_reset (settings, "check-in-at-login");
  g_free (store.server);
  g_free (store.account);
  g_assert_finalize_object (g_steal_pointer (&session));
}

/* The primary menu -------------------------------------------------------------------------- */

static void
menu_body (AgentApplication *app,
           gpointer          user_data)
{
  Fixture *f = user_data;
  GSettings *settings = agent_application_get_settings (app);
  GtkWindow *window;
  GtkSwitch *check_in_switch;

  submit_login (app, f->server, DEMO_ACCOUNT, DEMO_PASSWORD, FALSE);
  wait_logged_in (app);

  /* Preferences: the switch is the setting. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  TEST_WAIT_UNTIL ((window = test_find_window (app, ADW_TYPE_PREFERENCES_WINDOW)) != NULL, WAIT_MS);
  check_in_switch = test_template_child (window, G_OBJECT_TYPE (window), "check_in_switch");
  g_assert_true (gtk_switch_get_active (check_in_switch));
  gtk_switch_set_active (check_in_switch, FALSE);
  g_assert_false (g_settings_get_boolean (settings, "check-in-at-login"));
  gtk_window_destroy (window);

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  TEST_WAIT_UNTIL ((window = test_find_window (app, ADW_TYPE_ABOUT_WINDOW)) != NULL, WAIT_MS);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (window)), ==, PACKAGE_VERSION);
  gtk_window_destroy (window);

  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  TEST_WAIT_UNTIL ((window = test_find_window (app, GTK_TYPE_SHORTCUTS_WINDOW)) != NULL, WAIT_MS);
  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);

  /* Logging out is only offered to somebody logged in. */
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "logout"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "logout", NULL);
  TEST_WAIT_UNTIL (!agent_session_get_logged_in (agent_application_get_session (app)), WAIT_MS);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "logout"));

  g_settings_reset (settings, "check-in-at-login");
}

static void
test_menu (Fixture       *f,
           gconstpointer  data)
{
  test_app_run (NULL, menu_body, f);
  /* Check-in at login was on: the check-in at login — which logging out at once may have
   * cut short — is followed by a check-out all the same. */
  g_assert_cmpuint (count_check_in (f->sandbox, "1"), ==, 1);
}

/* Units ------------------------------------------------------------------------------------ */

static void
test_phone_from_uri (void)
{
  static const struct { const char *uri; const char *number; } cases[] = {
    { "tel:13800138000", "13800138000" },
    { "tel:+86-138-0013-8000", "+8613800138000" },
    { "tel:%2B86%20138%200013%208000", "+8613800138000" },
    { "tel:010-6552 9988;phone-context=example.com", "01065529988" },
    { "callto://13800138000", "13800138000" },
    { "TEL:400(800)1234", "4008001234" },
    { "tel:", NULL },
    { "tel:call-me-maybe", NULL },
    { "mailto:someone@example.com", NULL },
    { "https://example.com", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *number = agent_phone_from_uri (cases[i].uri);

      g_assert_cmpstr (number, ==, cases[i].number);
    }
}

static void
test_trace_disabled_costs_nothing (void)
{
  /* Unit check of the writer: a line written and flushed is in the file, whole. */
  goffset offset = test_trace_offset ();
  g_autoptr(GPtrArray) lines = NULL;
  JsonObject *line;

  AGENT_TRACE ("unit-test",
               "text", g_variant_new_string ("quote \" and newline \n"),
               "big", g_variant_new_int64 (G_GINT64_CONSTANT (7687658987667780097)),
               NULL);
  lines = test_trace_read (offset);
  line = test_trace_find (lines, "unit-test", NULL, NULL);
  g_assert_nonnull (line);
  g_assert_cmpstr (json_object_get_string_member (line, "text"), ==, "quote \" and newline \n");
  g_assert_cmpint (json_object_get_int_member (line, "big"), ==, G_GINT64_CONSTANT (7687658987667780097));
}

static gboolean
on_render_hook (GSignalInvocationHint *hint,
                guint                  n_params,
                const GValue          *params,
                gpointer               user_data)
{
  double *first_render_ms = user_data;

  if (*first_render_ms == 0)
    *first_render_ms = agent_trace_now_ms ();
  return TRUE;
}

static guint
count_event (goffset     offset,
             const char *event)
{
  g_autoptr(GPtrArray) lines = test_trace_read (offset);
  guint n = 0;

  for (guint i = 0; i < lines->len; i++)
    if (g_strcmp0 (json_object_get_string_member_with_default (g_ptr_array_index (lines, i),
                                                               "event", ""), event) == 0)
      n++;
  return n;
}

/* popup-shown's clock: the event is written once, after the first frame that shows the widget
 * was rendered — not while it is hidden, not at the present. */
static void
test_trace_on_paint (void)
{
  goffset offset = test_trace_offset ();
  GtkWidget *window = gtk_window_new ();
  g_autoptr(GPtrArray) lines = NULL;
  double first_render_ms = 0, presented_ms, ts;
  guint signal_id = g_signal_lookup ("render", GDK_TYPE_SURFACE);
  gulong hook;

  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("painted?"));
  agent_trace_on_next_paint (window, "unit-painted", "n", g_variant_new_int32 (7), NULL);
  for (guint i = 0; i < 20; i++)
    test_iterate ();
  g_assert_cmpuint (count_event (offset, "unit-painted"), ==, 0);

  hook = g_signal_add_emission_hook (signal_id, 0, on_render_hook, &first_render_ms, NULL);
  presented_ms = agent_trace_now_ms ();
  gtk_window_present (GTK_WINDOW (window));
  TEST_WAIT_UNTIL (count_event (offset, "unit-painted") == 1, WAIT_MS);

  lines = test_trace_read (offset);
  ts = json_object_get_double_member (test_trace_find (lines, "unit-painted", NULL, NULL), "ts_ms");
  g_assert_cmpint (json_object_get_int_member (test_trace_find (lines, "unit-painted", NULL, NULL),
                                               "n"), ==, 7);
  g_assert_cmpfloat (first_render_ms, >, 0);
  g_assert_cmpfloat (first_render_ms, >=, presented_ms);
  g_assert_cmpfloat (ts, >=, first_render_ms);

  /* Later frames do not write it again. */
  for (guint i = 0; i < 5; i++)
    {
      gtk_widget_queue_draw (window);
      for (guint j = 0; j < 10; j++)
        test_iterate ();
    }
  g_assert_cmpuint (count_event (offset, "unit-painted"), ==, 1);

  g_signal_remove_emission_hook (signal_id, hook);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  test_trace_setup ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/agent/shell/phone-from-uri", test_phone_from_uri);
  g_test_add_func ("/agent/shell/trace-writer", test_trace_disabled_costs_nothing);
  g_test_add_func ("/agent/shell/trace-on-paint", test_trace_on_paint);
  g_test_add_func ("/agent/shell/login-presets", test_login_presets);
#define ADD(path, func) \
  g_test_add ("/agent/shell/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("login-ok", test_login_ok);
  ADD ("login-wrong-password", test_login_wrong_password);
  ADD ("login-unreachable", test_login_unreachable);
  ADD ("login-html", test_login_html);
  ADD ("login-not-a-server", test_login_not_a_server);
  ADD ("login-invalid-account", test_login_invalid_account);
  ADD ("login-no-permission", test_login_no_permission);
  ADD ("login-sandbox-preset", test_login_sandbox_preset);
  ADD ("keyring", test_keyring);
  ADD ("check-in", test_check_in);
  ADD ("session-ended", test_session_ended);
  ADD ("pages", test_pages);
  ADD ("admin-pages", test_admin_pages);
  ADD ("before-login", test_before_login);
  ADD ("password-file", test_password_file);
  ADD ("sandbox", test_sandbox_mode);
  ADD ("quit-bounded", test_quit_bounded);
  ADD ("connection", test_connection);
  ADD ("dbus", test_dbus);
  ADD ("trace-lines", test_trace_lines);
  ADD ("session-watermark", test_session_watermark);
  ADD ("menu", test_menu);
#undef ADD

  return g_test_run ();
}
