/* test-secrets.c — the password stays secret; plain HTTP off this machine is marked; the sandbox
 * keeps to loopback and takes SQL as text
 *
 * A session of the whole application — remember-me (the keyring), memos through the outbox,
 * check-in, logout, the trace on, every log message at G_MESSAGES_DEBUG=all captured — and
 * then the password, its MD5 in upper and in lower case are looked for everywhere it could
 * have been written: $XDG_STATE_HOME, $XDG_CACHE_HOME, $XDG_CONFIG_HOME, $XDG_DATA_HOME (but
 * the keyring's own encrypted file), a GSettings keyfile if there is one, the trace and the
 * log. Certificates that do not verify are refused before anything is sent
 * (test-fault-matrix's /agent/fault-matrix/tls and the TLS case of test-fault-app).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define _GNU_SOURCE 1
#include <ifaddrs.h>
#include <netinet/in.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <glib/gstdio.h>

#include "agent-credentials.h"
#include "agent-popup-manager.h"
#include "agent-window.h"
#include "reliab-util.h"
#include "test-app-util.h"

/* A password nothing else in the data could contain by chance. */
#define SECRET_ACCOUNT   "100008877"
#define SECRET_EXTENSION "877"
#define SECRET_PASSWORD  "Qx7-secret-Vr2m"

static GString *log_text;

/* Every message, at every level, is kept; warnings and worse also go where they always go. */
static GLogWriterOutput
log_writer (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") || g_str_equal (fields[i].key, "GLIB_DOMAIN"))
      {
        if (fields[i].length < 0)
          g_string_append (log_text, fields[i].value);
        else
          g_string_append_len (log_text, fields[i].value, fields[i].length);
        g_string_append_c (log_text, ' ');
      }
  g_string_append_c (log_text, '\n');

  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (log_level, fields, n_fields, user_data);
  return G_LOG_WRITER_HANDLED;
}

/* ---- looking for the secret ---- */

typedef struct
{
  const char *needles[3];
  GPtrArray  *found;       /* "path: what" */
  guint       n_files;
} Scan;

static void
scan_bytes (Scan       *scan,
            const char *where,
            const char *data,
            gsize       length)
{
  for (guint n = 0; n < G_N_ELEMENTS (scan->needles); n++)
    if (memmem (data, length, scan->needles[n], strlen (scan->needles[n])) != NULL)
      g_ptr_array_add (scan->found, g_strdup_printf ("%s holds \"%s\"", where, scan->needles[n]));
}

static gboolean
is_keyring_file (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *dir_name = g_path_get_basename (dir);

  /* gnome-keyring's own store: encrypted with the login password, the one place a secret may
   * live on disk. */
  return g_str_equal (dir_name, "keyrings") && g_str_has_suffix (path, ".keyring");
}

static void
scan_tree (Scan       *scan,
           const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    return;
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (is_keyring_file (path))
        return;
      if (g_file_get_contents (path, &contents, &length, NULL))
        {
          scan->n_files++;
          scan_bytes (scan, path, contents, length);
        }
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      scan_tree (scan, child);
    }
}

/* ---- the session ---- */

typedef struct
{
  IntegFixture  f;
  char         *md5_upper;
  char         *md5_lower;
  gboolean      remembered;
  gboolean      looked;
} Secrets;

static gboolean
logged_in (gpointer user_data)
{
  AgentSession *session = agent_application_get_session (user_data);

  return agent_session_get_logged_in (session) && agent_session_get_checked_in (session);
}

static gboolean
logged_out (gpointer user_data)
{
  return !agent_session_get_logged_in (agent_application_get_session (user_data));
}

static void
on_lookup_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Secrets *s = user_data;
  g_autoptr(GError) error = NULL;
  char *secret = agent_credentials_lookup_finish (AGENT_CREDENTIALS (object), result, &error);

  g_assert_no_error (error);
  if (secret != NULL)
    {
      /* In the keyring, as the MD5 the client sends. */
      g_assert_cmpstr (secret, ==, s->md5_upper);
      secret_password_free (secret);
      s->remembered = TRUE;
    }
  s->looked = TRUE;
}

static gboolean
flag_set (gpointer user_data)
{
  return *(gboolean *) user_data;
}

static gboolean
outbox_open (gpointer user_data)
{
  AgentPopupManager *manager = agent_popup_manager_get_for_application (user_data);

  return manager != NULL && agent_popup_manager_get_outbox (manager) != NULL;
}

static gboolean
outbox_empty (gpointer user_data)
{
  return agent_outbox_get_pending (user_data) == 0;
}

static void
on_memo_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (agent_outbox_add_finish (AGENT_OUTBOX (object), result, &error), >, 0);
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
session_body (AgentApplication *app,
              gpointer          user_data)
{
  Secrets *s = user_data;
  AgentOutbox *outbox;
  g_autofree char *phone = integ_unique_phone ();

  /* Remember me: the keyring keeps the password for the next start. */
  agent_application_login (app, s->f.url, SECRET_ACCOUNT, s->md5_upper, TRUE, TRUE);
  reliab_wait (logged_in, app, INTEG_TIMEOUT_MS, "the login and check-in");
  /* The keyring write is on its way after the login: look until it is there. */
  for (guint attempt = 0; attempt < 50 && !s->remembered; attempt++)
    {
      s->looked = FALSE;
      agent_credentials_lookup_async (agent_application_get_credentials (app), s->f.url,
                                      SECRET_ACCOUNT, NULL, on_lookup_cb, s);
      reliab_wait (flag_set, &s->looked, 10000, "the keyring");
      if (!s->remembered)
        reliab_spin_for (100);
    }
  g_assert_true (s->remembered);

  /* Writes through the outbox, on disk before they are sent. */
  reliab_wait (outbox_open, app, 10000, "the outbox");
  outbox = agent_popup_manager_get_outbox (agent_popup_manager_get_for_application (
                                             GTK_APPLICATION (app)));
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *text = g_strdup_printf ("Secret test memo %u", i);
      gboolean added = FALSE;

      agent_outbox_add_memo_async (outbox, phone, text, NULL, NULL, on_memo_cb, &added);
      reliab_wait (flag_set, &added, 10000, "the memo's commit");
    }
  reliab_wait (outbox_empty, outbox, INTEG_TIMEOUT_MS, "the memos to go out");

  /* A page with data, a check-out, and the logout. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-page", g_variant_new_string ("home"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "check-in", g_variant_new_boolean (FALSE));
  reliab_spin_for (300);
  g_action_group_activate_action (G_ACTION_GROUP (app), "logout", NULL);
  reliab_wait (logged_out, app, 10000, "the logout");
}

static void
make_secret_agent (Secrets *s)
{
  g_autofree char *admin_md5 = bbh_password_md5 (INTEG_ADMIN_PASSWORD);
  g_autofree char *password = g_uri_escape_string (SECRET_PASSWORD, NULL, TRUE);
  g_autofree char *url = g_strdup_printf ("%s/voip/api/jsondata.html?sa_user=%s&sa_password=%s"
                                          "&method=addExtension&exteExtension=%s&extePassword=%s"
                                          "&exteName=Secrets", s->f.url, INTEG_ADMIN, admin_md5,
                                          SECRET_EXTENSION, password);
  g_autoptr(GBytes) body = NULL;
  guint status = 0;

  body = integ_http_get (&s->f, url, &status);
  g_assert_cmpuint (status, ==, 200);
  if (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "\"code\":0") == NULL)
    g_error ("addExtension answered %.*s", (int) g_bytes_get_size (body),
             (const char *) g_bytes_get_data (body, NULL));
}

static void
test_no_secret_on_disk (void)
{
  Secrets s = { 0 };
  g_auto(GStrv) upper = NULL;
  Scan scan = { { SECRET_PASSWORD, NULL, NULL }, g_ptr_array_new_with_free_func (g_free), 0 };
  const char *argv[] = { NULL };
  const char *dirs[] = {
    g_get_user_state_dir (), g_get_user_cache_dir (), g_get_user_config_dir (),
    g_get_user_data_dir (),
  };
  g_autofree char *trace = NULL;
  g_autofree char *keyfile = NULL;
  gsize trace_length = 0;

  integ_set_up (&s.f, NULL);
  make_secret_agent (&s);
  s.md5_upper = bbh_password_md5 (SECRET_PASSWORD);
  s.md5_lower = g_ascii_strdown (s.md5_upper, -1);
  g_assert_cmpstr (s.md5_upper, !=, s.md5_lower);
  scan.needles[1] = s.md5_upper;
  scan.needles[2] = s.md5_lower;

  reliab_notifications_start ();
  test_app_run (argv, session_body, &s);

  /* The scanner finds what it looks for (a file written only to prove it). */
  {
    g_autofree char *probe = g_build_filename (g_get_user_cache_dir (), "reliab-probe", NULL);

    g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
    g_file_set_contents (probe, s.md5_lower, -1, NULL);
    scan_tree (&scan, g_get_user_cache_dir ());
    g_assert_cmpuint (scan.found->len, ==, 1);
    g_ptr_array_set_size (scan.found, 0);
    g_unlink (probe);
  }

  scan.n_files = 0;
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    scan_tree (&scan, dirs[i]);
  keyfile = g_build_filename (g_get_user_config_dir (), "glib-2.0", "settings", "keyfile", NULL);
  scan_tree (&scan, keyfile);
  g_test_message ("%u files looked at", scan.n_files);
  /* The outbox's database at least: the scan saw what the application wrote. */
  g_assert_cmpuint (scan.n_files, >, 0);
  {
    g_autofree char *outbox = agent_outbox_dup_default_path ();

    g_assert_true (g_file_test (outbox, G_FILE_TEST_EXISTS));
  }

  g_assert_true (g_file_get_contents (test_trace_path (), &trace, &trace_length, NULL));
  g_assert_nonnull (strstr (trace, "\"request\""));
  g_assert_nonnull (strstr (trace, "\"login-ok\""));
  scan_bytes (&scan, "the trace", trace, trace_length);

  /* Debug messages were on, and were looked at too. */
  g_assert_nonnull (strstr (log_text->str, "agent-"));
  scan_bytes (&scan, "the log", log_text->str, log_text->len);

  for (guint i = 0; i < scan.found->len; i++)
    g_test_message ("%s", (char *) g_ptr_array_index (scan.found, i));
  if (scan.found->len > 0)
    g_error ("The password or its MD5 was written in clear: %s",
             (char *) g_ptr_array_index (scan.found, 0));

  g_ptr_array_unref (scan.found);
  g_free (s.md5_upper);
  g_free (s.md5_lower);
  integ_tear_down (&s.f, NULL);
}

/* ---- plain HTTP off this machine ---- */

static char *
non_loopback_address (void)
{
  struct ifaddrs *list = NULL;
  char *found = NULL;

  if (getifaddrs (&list) != 0)
    return NULL;
  for (struct ifaddrs *i = list; i != NULL && found == NULL; i = i->ifa_next)
    {
      g_autoptr(GInetAddress) address = NULL;

      if (i->ifa_addr == NULL || i->ifa_addr->sa_family != AF_INET)
        continue;
      address = g_inet_address_new_from_bytes (
                  (const guint8 *) &((struct sockaddr_in *) i->ifa_addr)->sin_addr,
                  G_SOCKET_FAMILY_IPV4);
      if (!g_inet_address_get_is_loopback (address))
        found = g_inet_address_to_string (address);
    }
  freeifaddrs (list);
  return found;
}

typedef struct
{
  char     *line;
  gboolean  done;
} LineRead;

static void
on_line_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  LineRead *read = user_data;

  read->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result,
                                                          NULL, NULL);
  read->done = TRUE;
}

static void
child_setup (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* A sandbox that listens on @address (not loopback); returns its API URL. */
static GSubprocess *
start_sandbox_on (const char  *address,
                  const char  *db,
                  char       **out_url)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *process;
  LineRead read = { 0 };

  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("BABAIHU_SANDBOX"), "--demo",
                                         "--demo-size=50", "--db", db, "--listen", address, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL, on_line_cb, &read);
  reliab_wait (flag_set, &read.done, 30000, "the sandbox's first line");
  g_assert_nonnull (read.line);
  g_assert_true (g_str_has_prefix (read.line, "listening on http://"));
  *out_url = g_strdup (read.line + strlen ("listening on "));
  g_free (read.line);
  return process;
}

typedef struct
{
  gboolean expect_mark;
} MarkRun;

static gboolean
app_logged_in (gpointer user_data)
{
  return agent_session_get_logged_in (agent_application_get_session (user_data));
}

static void
mark_body (AgentApplication *app,
           gpointer          user_data)
{
  MarkRun *run = user_data;
  GtkWidget *icon;

  reliab_wait (app_logged_in, app, INTEG_TIMEOUT_MS, "the login");
  icon = test_template_child (agent_application_get_window (app), AGENT_TYPE_WINDOW,
                              "insecure_icon");
  g_assert_cmpint (gtk_widget_get_visible (icon), ==, run->expect_mark);
  if (run->expect_mark)
    reliab_assert_words ("the mark's tooltip", gtk_widget_get_tooltip_text (icon));
}

static void
run_app_on (const char *url,
            const char *account,
            gboolean    expect_mark)
{
  g_autofree char *password_file = test_write_password_file (INTEG_AGENT_PASSWORD);
  const char *argv[] = {
    "--server", url, "--account", account, "--password-file", password_file, NULL,
  };
  MarkRun run = { expect_mark };

  test_app_run (argv, mark_body, &run);
  g_unlink (password_file);
}

static void
on_exited_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *(gboolean *) user_data = TRUE;
}

static void
test_insecure_mark (void)
{
  g_autofree char *address = non_loopback_address ();
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  IntegFixture f = { 0 };
  gboolean exited = FALSE;

  if (address == NULL)
    {
      g_test_skip ("this machine has no IPv4 address but loopback: nothing to mark");
      return;
    }

  /* On loopback (the sandbox): no mark. */
  integ_set_up (&f, NULL);
  reliab_notifications_start ();
  run_app_on (f.url, INTEG_AGENT, FALSE);
  integ_tear_down (&f, NULL);

  /* Plain HTTP to this machine's own network address: marked "not encrypted". */
  dir = g_dir_make_tmp ("reliab-mark-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "sandbox.db", NULL);
  process = start_sandbox_on (address, db, &url);
  g_test_message ("a plain HTTP server at %s", url);
  g_assert_false (g_str_has_prefix (url, "http://127."));
  run_app_on (url, INTEG_AGENT, TRUE);

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait_async (process, NULL, on_exited_cb, &exited);
  reliab_wait (flag_set, &exited, 10000, "the sandbox to exit");
  g_unlink (db);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
}

/* ---- the sandbox ---- */

/* It binds loopback only: its port is closed on the machine's network address. */
static void
test_sandbox_loopback_only (void)
{
  g_autofree char *address = non_loopback_address ();
  g_autoptr(GUri) uri = NULL;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 5, NULL);
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *other = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  IntegFixture f = { 0 };

  if (address == NULL)
    {
      g_test_skip ("this machine has no IPv4 address but loopback");
      return;
    }

  integ_set_up (&f, NULL);
  uri = g_uri_parse (f.url, G_URI_FLAGS_NONE, NULL);
  other = g_strdup_printf ("http://%s:%d/voip/api/jsondata.html?method=getExtension", address,
                           g_uri_get_port (uri));
  msg = soup_message_new ("GET", other);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, integ_on_result_cb, &f);
  body = soup_session_send_and_read_finish (session, integ_wait (&f), &error);
  g_assert_null (body);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_clear_object (&f.result);
  integ_tear_down (&f, NULL);
}

/* SQL in a memo or a search is text: stored and found as written, matching nothing else. */
static void
test_sandbox_sql_as_data (void)
{
  static const char *texts[] = {
    "'); DROP TABLE memos; --",
    "\" OR 1=1; --",
    "x' UNION SELECT exte_password FROM agents --",
  };
  g_autofree char *phone = integ_unique_phone ();
  g_autoptr(GPtrArray) memos = NULL;
  IntegFixture f = { 0 };

  integ_set_up (&f, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;

      bbh_client_add_memo_async (f.agent, phone, texts[i], NULL, NULL, NULL, integ_on_result_cb, &f);
      g_assert_true (bbh_client_add_memo_finish (f.agent, integ_wait (&f), &error));
      g_assert_no_error (error);
    }
  memos = reliab_server_memos (&f, phone);
  g_assert_cmpuint (memos->len, ==, G_N_ELEMENTS (texts));
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    g_assert_cmpstr (g_ptr_array_index (memos, i), ==, texts[i]);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(BbhCustomerQuery) query = bbh_customer_query_new ();
      g_autoptr(GListModel) page = NULL;
      g_autoptr(GError) error = NULL;
      guint64 total = 0;

      bbh_customer_query_set_search (query, BBH_CUSTOMER_FIND_NAME, texts[i]);
      bbh_client_get_customers_page_async (f.admin, query, NULL, integ_on_result_cb, &f);
      page = bbh_client_get_customers_page_finish (f.admin, integ_wait (&f), &total, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (total, ==, 0);
      g_assert_cmpuint (g_list_model_get_n_items (page), ==, 0);
    }

  /* The memos table is still there, with the demo's memos. */
  {
    g_autoptr(GListModel) all = NULL;
    g_autoptr(GError) error = NULL;
    guint64 total = 0;

    bbh_client_get_memos_async (f.admin, NULL, 0, 5, NULL, integ_on_result_cb, &f);
    all = bbh_client_get_memos_finish (f.admin, integ_wait (&f), &total, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (total, >, G_N_ELEMENTS (texts));
  }
  g_clear_object (&f.result);
  integ_tear_down (&f, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  log_text = g_string_new (NULL);
  g_log_set_writer_func (log_writer, NULL, NULL);
  gtk_test_init (&argc, &argv, NULL);
  test_trace_setup ();

  g_test_add_func ("/agent/secrets/nothing-on-disk", test_no_secret_on_disk);
  g_test_add_func ("/agent/secrets/insecure-mark", test_insecure_mark);
  g_test_add_func ("/agent/secrets/sandbox-loopback-only", test_sandbox_loopback_only);
  g_test_add_func ("/agent/secrets/sandbox-sql-as-data", test_sandbox_sql_as_data);

  return g_test_run ();
}
