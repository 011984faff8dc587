/* agent-application.c — the application: command line, login, quit (its actions are in
 * agent-application-actions.c)
 *
 * One instance per user (org.babaihu.Agent on the session bus): a second `babaihu-agent
 * --dial N` or `gapplication action org.babaihu.Agent show-page "'home'"` lands here. The
 * application owns the session and the one main window, logs in (from the login page, the
 * keyring, --password-file or the sandbox) and ends the process within a few seconds of
 * `quit`, checking the agent out on the way if the server answers in time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-application"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "bbh-tls.h"

#include "agent-application-private.h"
#include "agent-page.h"
#include "agent-popup-manager.h"
#include "agent-power-monitor.h"
#include "agent-preferences-window.h"
#include "agent-reminders.h"
#include "agent-trace.h"

/* A login that asks nothing of the person (password file, keyring, sandbox) shows its result
 * rather than a login form replaced a moment later; the form comes after this long at most. */
#define PRESENT_LOGIN_AFTER_MS 500


G_DEFINE_FINAL_TYPE (AgentApplication, agent_application, ADW_TYPE_APPLICATION)

guint agent_application_signals[N_SIGNALS];

static const GOptionEntry option_entries[] = {
  { "sandbox", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Start the demo sandbox and log in to it"), NULL },
  { "server", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The 800ing server to log in to"), N_("URL") },
  { "account", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The account to log in with"), N_("ACCOUNT") },
  { "password-file", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Read the password from FILE (for automation)"), N_("FILE") },
  { "dial", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Dial NUMBER once logged in"), N_("NUMBER") },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    NULL, N_("[tel:NUMBER]") },
  { NULL }
};

typedef struct
{
  char     *server;        /* NULL: the sandbox */
  char     *account;
  char     *password_md5;
  gboolean  remember;
  gboolean  explicit_request;
  gboolean  from_keyring;
} LoginRequest;

static void
login_request_free (LoginRequest *request)
{
  g_free (request->server);
  g_free (request->account);
  if (request->password_md5 != NULL)
    memset (request->password_md5, 0, strlen (request->password_md5));
  g_free (request->password_md5);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoginRequest, login_request_free)

/* win.search (Ctrl+F): the search field of the page shown, if it has one. */
static void
win_search_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  AgentWindow *window = AGENT_WINDOW (user_data);
  const char *name = agent_window_get_page_name (window);
  GtkWidget *page = name != NULL ? agent_window_get_page (window, name) : NULL;

  if (page == NULL || !agent_page_focus_search (page))
    gtk_widget_error_bell (GTK_WIDGET (window));
}

static const GActionEntry win_actions[] = {
  { "search", win_search_action },
};

AgentWindow *
agent_application_ensure_window (AgentApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));
  AgentWindow *window;

  if (AGENT_IS_WINDOW (active))
    return AGENT_WINDOW (active);

  /* The active window may be a dialog or the pop-up: the main window is the AgentWindow. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (AGENT_IS_WINDOW (l->data))
      return l->data;

  window = agent_window_new (GTK_APPLICATION (self), self->session);
  g_action_map_add_action_entries (G_ACTION_MAP (window), win_actions,
                                   G_N_ELEMENTS (win_actions), window);
  return window;
}

void
agent_application_clear_pending (AgentApplication *self)
{
  g_clear_pointer (&self->pending_dial, g_free);
  g_clear_pointer (&self->pending_page, g_free);
}

gboolean
agent_application_needs_session (AgentApplication *self,
               const char       *message)
{
  if (agent_session_get_logged_in (self->session))
    return TRUE;

  agent_window_show_login (agent_application_ensure_window (self), message);
  return FALSE;
}

static void
present_window (AgentApplication *self)
{
  g_clear_handle_id (&self->present_id, g_source_remove);
  gtk_window_present (GTK_WINDOW (agent_application_ensure_window (self)));
}

static gboolean
on_present_timeout_cb (gpointer user_data)
{
  AgentApplication *self = user_data;

  self->present_id = 0;
  present_window (self);
  return G_SOURCE_REMOVE;
}

/* The window appears when the login under way ends, or after PRESENT_LOGIN_AFTER_MS with
 * the login page (busy) if it takes longer: painting a form that is about to be replaced
 * cost a whole first frame, and delayed the login request behind it (BENCHMARKS.md). */
static void
present_after_login (AgentApplication *self)
{
  if (self->present_id == 0)
    self->present_id = g_timeout_add (PRESENT_LOGIN_AFTER_MS, on_present_timeout_cb, self);
}

/* A login that was waited for has ended, one way or the other. */
static void
present_if_waiting (AgentApplication *self)
{
  if (self->present_id != 0)
    present_window (self);
}

/* tel:+86-138-0013-8000;phone-context=… → +8613800138000 */
char *
agent_phone_from_uri (const char *uri)
{
  g_autofree char *unescaped = NULL;
  const char *rest;
  GString *number;

  g_return_val_if_fail (uri != NULL, NULL);

  if (g_ascii_strncasecmp (uri, "tel:", 4) == 0)
    rest = uri + 4;
  else if (g_ascii_strncasecmp (uri, "callto:", 7) == 0)
    rest = uri + 7;
  else
    return NULL;

  while (*rest == '/')
    rest++;

  unescaped = g_uri_unescape_string (rest, NULL);
  if (unescaped == NULL)
    return NULL;

  number = g_string_new (NULL);
  for (const char *p = unescaped; *p && *p != ';' && *p != '?'; p++)
    {
      if (g_ascii_isdigit (*p) || ((*p == '+') && number->len == 0) || *p == '*' || *p == '#')
        g_string_append_c (number, *p);
      else if (strchr (" -.()", *p) == NULL)
        {
          g_string_free (number, TRUE);
          return NULL;
        }
    }

  if (number->len == 0)
    {
      g_string_free (number, TRUE);
      return NULL;
    }
  return g_string_free (number, FALSE);
}

static void
run_dial (AgentApplication *self,
          const char       *number)
{
  gboolean handled = FALSE;

  g_signal_emit (self, agent_application_signals[DIAL_REQUESTED], 0, number, &handled);
  if (!handled)
    agent_application_toast (self, _("Dialing is not available in this version."));
}

void
agent_application_request_dial (AgentApplication *self,
              const char       *number)
{
  if (number == NULL || *number == '\0')
    return;

  if (agent_session_get_logged_in (self->session))
    {
      run_dial (self, number);
      return;
    }

  /* A number given on the command line while the login is still on its way waits for it. */
  if (self->starting || agent_session_get_busy (self->session))
    {
      g_free (self->pending_dial);
      self->pending_dial = g_strdup (number);
      return;
    }

  agent_window_show_login (agent_application_ensure_window (self), _("Log in to dial."));
}

/* Login --------------------------------------------------------------------------------- */

static void
on_credentials_stored_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(AgentApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!agent_credentials_store_finish (AGENT_CREDENTIALS (object), result, &error))
    {
      g_message ("Could not remember the password: %s", error->message);
      agent_application_toast (self, _("The password could not be kept in the keyring. You will be asked for it next time."));
    }
}

void
agent_application_on_credentials_forgotten_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!agent_credentials_forget_finish (AGENT_CREDENTIALS (object), result, &error))
    g_message ("Could not forget the remembered password: %s", error->message);
}

static void
show_login_error (AgentApplication *self,
                  const char       *message,
                  gboolean          dialog)
{
  AgentWindow *window = agent_application_ensure_window (self);
  AdwMessageDialog *alert;

  present_if_waiting (self);
  agent_window_show_login (window, message);
  if (!dialog)
    return;

  alert = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (window),
                                                      _("Login Failed"), message));
  adw_message_dialog_add_response (alert, "close", _("_Close"));
  adw_message_dialog_set_default_response (alert, "close");
  gtk_widget_add_css_class (GTK_WIDGET (alert), "login-error-dialog");
  gtk_window_set_application (GTK_WINDOW (alert), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (alert));
}

static void
on_login_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AgentApplication *self = g_task_get_source_object (task);
  LoginRequest *request = g_task_get_task_data (task);
  g_autoptr(BbhExtension) extension = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pending = NULL;
  g_autofree char *pending_page = NULL;

  self->starting = FALSE;
  extension = agent_session_login_finish (AGENT_SESSION (object), result, &error);
  present_if_waiting (self);
  pending = g_steal_pointer (&self->pending_dial);
  pending_page = g_steal_pointer (&self->pending_page);

  if (extension == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_boolean (task, FALSE);
          return;
        }

      message = agent_login_error_describe (error, request->server != NULL
                                                   ? request->server : _("the demo sandbox"));
      g_message ("Login failed: %s", error->message);

      /* A remembered password the server no longer takes is forgotten. */
      if (request->from_keyring && g_error_matches (error, BBH_ERROR, BBH_ERROR_AUTH))
        agent_credentials_forget_async (self->credentials, request->server, request->account,
                                        NULL, agent_application_on_credentials_forgotten_cb, NULL);

      show_login_error (self, message, request->explicit_request);
      g_task_return_boolean (task, FALSE);
      return;
    }

  self->on_sandbox = request->server == NULL;
  agent_window_set_sandbox (agent_application_ensure_window (self), self->on_sandbox);

  g_free (self->last_server);
  self->last_server = g_strdup (request->server);
  g_free (self->last_account);
  self->last_account = g_strdup (request->account);

  g_settings_set_string (self->settings, "server", request->server != NULL ? request->server : "");
  g_settings_set_string (self->settings, "account", request->account);

  if (request->remember && request->server != NULL && !request->from_keyring)
    agent_credentials_store_async (self->credentials, request->server, request->account,
                                   request->password_md5, NULL,
                                   on_credentials_stored_cb, g_object_ref (self));

  if (pending_page != NULL)
    agent_window_show_page (agent_application_ensure_window (self), pending_page);
  if (pending != NULL)
    run_dial (self, pending);

  g_task_return_boolean (task, TRUE);
}

static void
login_now (AgentApplication *self,
           GTask            *task,
           const char       *url)
{
  LoginRequest *request = g_task_get_task_data (task);

  agent_session_login_async (self->session, url, request->account, request->password_md5,
                             self->cancellable, on_login_cb, task);
}

static void
on_sandbox_started_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AgentApplication *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  url = agent_sandbox_start_finish (AGENT_SANDBOX (object), result, &error);
  if (url == NULL)
    {
      self->starting = FALSE;
      agent_application_clear_pending (self);
      agent_login_page_set_busy (agent_window_get_login_page (agent_application_ensure_window (self)), FALSE);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_login_error (self, error->message, TRUE);
      g_task_return_boolean (task, FALSE);
      return;
    }

  login_now (self, g_steal_pointer (&task), url);
}

static void
start_login (AgentApplication *self,
             LoginRequest     *request)
{
  GTask *task;

  task = g_task_new (self, NULL, NULL, NULL);
  g_task_set_source_tag (task, start_login);
  g_task_set_task_data (task, request, (GDestroyNotify) login_request_free);

  if (request->server == NULL)
    {
      self->starting = TRUE;
      agent_login_page_set_busy (agent_window_get_login_page (agent_application_ensure_window (self)), TRUE);
      agent_sandbox_start_async (self->sandbox, self->cancellable, on_sandbox_started_cb, task);
    }
  else
    login_now (self, task, request->server);
}

/**
 * agent_application_login:
 * @self: a #AgentApplication
 * @server: (nullable): the server's base URL, or %NULL for the demo sandbox (started when
 *   it is not running)
 * @account: the account
 * @password_md5: the MD5 of the password
 * @remember: keep the password in the keyring for the next start
 * @explicit_request: the person asked for it: a failure is shown in a dialog
 *
 * Logs in; the result shows in the window (the main view, or the login page with the error).
 */
void
agent_application_login (AgentApplication *self,
                         const char       *server,
                         const char       *account,
                         const char       *password_md5,
                         gboolean          remember,
                         gboolean          explicit_request)
{
  LoginRequest *request;

  g_return_if_fail (AGENT_IS_APPLICATION (self));
  g_return_if_fail (account != NULL && password_md5 != NULL);

  if (agent_session_get_logged_in (self->session))
    return;

  request = g_new0 (LoginRequest, 1);
  request->server = g_strdup (server);
  request->account = g_strdup (account);
  request->password_md5 = g_strdup (password_md5);
  request->remember = remember;
  request->explicit_request = explicit_request;
  start_login (self, request);
}

static void
on_session_ended_cb (AgentApplication *self,
                     const GError     *reason)
{
  g_autofree char *message = NULL;

  /* A remembered password the server refuses would fail again at the next start. */
  if (self->last_server != NULL && self->last_account != NULL)
    agent_credentials_forget_async (self->credentials, self->last_server, self->last_account,
                                    NULL, agent_application_on_credentials_forgotten_cb, NULL);

  message = g_strdup_printf (_("You were logged out: %s"), reason->message);
  agent_window_set_sandbox (agent_application_ensure_window (self), FALSE);
  show_login_error (self, message, FALSE);
}

static void
on_login_page_submit_cb (AgentApplication *self,
                         guint             preset,
                         const char       *server,
                         const char       *account,
                         const char       *password,
                         gboolean          remember,
                         AgentLoginPage   *page)
{
  g_autofree char *md5 = bbh_password_md5 (password);

  agent_application_login (self, preset == AGENT_SERVER_SANDBOX ? NULL : server,
                           account, md5, remember, TRUE);
}

static void
on_keyring_lookup_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(LoginRequest) request = user_data;
  AgentApplication *self = g_object_get_data (G_OBJECT (object), "agent-application");
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = agent_credentials_lookup_finish (AGENT_CREDENTIALS (object), result, &error);
  if (self == NULL || self->quitting)
    {
      if (secret != NULL)
        secret_password_free (secret);
      return;
    }

  if (secret == NULL)
    {
      if (error != NULL)
        g_message ("The keyring could not be read: %s", error->message);
      self->starting = FALSE;
      agent_application_clear_pending (self);
      present_if_waiting (self);
      return;
    }

  if (agent_session_get_logged_in (self->session) || agent_session_get_busy (self->session))
    {
      secret_password_free (secret);
      self->starting = FALSE;
      return;
    }

  request->password_md5 = g_strdup (secret);
  secret_password_free (secret);
  request->remember = TRUE;
  request->from_keyring = TRUE;
  start_login (self, g_steal_pointer (&request));
}

static void
try_keyring_login (AgentApplication *self,
                   const char       *server,
                   const char       *account)
{
  LoginRequest *request;

  if (server == NULL || *server == '\0' || account == NULL || *account == '\0')
    return;

  request = g_new0 (LoginRequest, 1);
  request->server = g_strdup (server);
  request->account = g_strdup (account);
  self->starting = TRUE;
  agent_credentials_lookup_async (self->credentials, server, account, self->cancellable,
                                  on_keyring_lookup_cb, request);
}

static void
on_password_file_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(LoginRequest) request = user_data;
  AgentApplication *self = g_object_get_data (G_OBJECT (object), "agent-application");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      g_autofree char *message = NULL;

      if (self == NULL)
        return;
      self->starting = FALSE;
      message = g_strdup_printf (_("The password file could not be read: %s"), error->message);
      show_login_error (self, message, TRUE);
      return;
    }

  if (self == NULL || self->quitting)
    return;

  g_strchomp (contents);
  request->password_md5 = bbh_password_md5 (contents);
  memset (contents, 0, length);
  start_login (self, g_steal_pointer (&request));
}

static void
cancel_auto_login (AgentApplication *self)
{
  if (self->auto_login_id == 0)
    return;

  g_clear_handle_id (&self->auto_login_id, g_source_remove);
  self->starting = FALSE;
}

static gboolean
on_auto_login_cb (gpointer user_data)
{
  AgentApplication *self = user_data;
  g_autofree char *server = g_settings_get_string (self->settings, "server");
  g_autofree char *account = g_settings_get_string (self->settings, "account");

  self->auto_login_id = 0;
  self->starting = FALSE;
  if (!agent_session_get_logged_in (self->session) && !agent_session_get_busy (self->session))
    try_keyring_login (self, server, account);
  return G_SOURCE_REMOVE;
}

/* GApplication ---------------------------------------------------------------------------- */

static void
agent_application_activate (GApplication *app)
{
  AgentApplication *self = AGENT_APPLICATION (app);

  if (self->quitting)
    return;
  present_window (self);
}

static void
agent_application_open (GApplication  *app,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  AgentApplication *self = AGENT_APPLICATION (app);

  present_window (self);
  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *uri = g_file_get_uri (files[i]);
      g_autofree char *number = agent_phone_from_uri (uri);

      if (number != NULL)
        agent_application_request_dial (self, number);
      else
        agent_application_toast (self, _("This link is not a phone number."));
    }
}

static int
agent_application_command_line (GApplication            *app,
                                GApplicationCommandLine *command_line)
{
  AgentApplication *self = AGENT_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  AgentWindow *window;
  AgentLoginPage *login_page;
  g_autofree char *server = NULL;
  g_autofree char *account = NULL;
  g_autofree char *password_file = NULL;
  g_autofree char *dial = NULL;
  g_autofree const char **remaining = NULL;
  gboolean sandbox = FALSE;
  gboolean logged_in;

  if (self->quitting)
    return 1;

  g_variant_dict_lookup (options, "sandbox", "b", &sandbox);
  g_variant_dict_lookup (options, "server", "s", &server);
  g_variant_dict_lookup (options, "account", "s", &account);
  g_variant_dict_lookup (options, "password-file", "^ay", &password_file);
  g_variant_dict_lookup (options, "dial", "s", &dial);
  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&s", &remaining);

  window = agent_application_ensure_window (self);
  login_page = agent_window_get_login_page (window);
  /* A keyring login planned at startup gives way to a login the command line asks for. */
  if (sandbox || password_file != NULL || server != NULL || account != NULL)
    cancel_auto_login (self);
  logged_in = agent_session_get_logged_in (self->session) || agent_session_get_busy (self->session) ||
              self->starting;

  if (remaining != NULL)
    for (guint i = 0; remaining[i] != NULL; i++)
      {
        g_autofree char *number = agent_phone_from_uri (remaining[i]);

        if (number == NULL)
          {
            g_application_command_line_printerr (command_line,
                                                 _("“%s” is not a tel: or callto: link\n"),
                                                 remaining[i]);
            return 1;
          }
        if (dial == NULL)
          dial = g_steal_pointer (&number);
      }

  if (!logged_in)
    {
      if (server != NULL)
        agent_login_page_set_server (login_page, server);
      if (account != NULL)
        agent_login_page_set_account (login_page, account);

      if (sandbox)
        {
          g_autofree char *md5 = bbh_password_md5 (AGENT_SANDBOX_PASSWORD);

          agent_login_page_set_server (login_page, NULL);
          agent_login_page_set_account (login_page, AGENT_SANDBOX_ACCOUNT);
          agent_application_login (self, NULL, AGENT_SANDBOX_ACCOUNT, md5, FALSE, TRUE);
        }
      else if (password_file != NULL)
        {
          g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line,
                                                                                  password_file);
          LoginRequest *request = g_new0 (LoginRequest, 1);
          g_autofree char *saved_server = g_settings_get_string (self->settings, "server");
          g_autofree char *saved_account = g_settings_get_string (self->settings, "account");

          request->server = g_strdup (server != NULL ? server
                                      : *saved_server != '\0' ? saved_server : AGENT_800ING_URL);
          request->account = g_strdup (account != NULL ? account : saved_account);
          request->explicit_request = TRUE;
          self->starting = TRUE;
          g_object_set_data (G_OBJECT (file), "agent-application", self);
          g_file_load_contents_async (file, self->cancellable, on_password_file_cb, request);
        }
      else if (server != NULL || account != NULL)
        {
          g_autofree char *saved_server = g_settings_get_string (self->settings, "server");
          g_autofree char *saved_account = g_settings_get_string (self->settings, "account");

          try_keyring_login (self, server != NULL ? server : saved_server,
                             account != NULL ? account : saved_account);
        }
    }

  if (self->starting && !agent_session_get_logged_in (self->session))
    present_after_login (self);
  else
    present_window (self);

  if (dial != NULL)
    agent_application_request_dial (self, dial);

  return 0;
}

/* What the first request would otherwise load on the main loop, loaded on worker threads
 * meanwhile: GIO's proxy resolver modules (libproxy), and for an https server the system's
 * CA list (20–90 ms, bbh_tls_warm_up()). */
static void
warm_network_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  (void) g_proxy_resolver_get_default ();
  g_task_return_boolean (task, TRUE);
}

static void
warm_network (AgentApplication *self)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);
  g_autofree char *server = g_settings_get_string (self->settings, "server");

  g_task_set_source_tag (task, warm_network);
  g_task_run_in_thread (task, warm_network_thread);
  if (g_ascii_strncasecmp (server, "https:", 6) == 0)
    bbh_tls_warm_up ();
}

static void
agent_application_startup (GApplication *app)
{
  AgentApplication *self = AGENT_APPLICATION (app);

  G_APPLICATION_CLASS (agent_application_parent_class)->startup (app);

  agent_application_install_actions (self);

  self->settings = g_settings_new (APP_ID);
  warm_network (self);
  self->session = agent_session_new (self->settings);
  self->credentials = agent_credentials_new ();
  g_object_set_data (G_OBJECT (self->credentials), "agent-application", self);
  self->sandbox = agent_sandbox_new ();
  self->cancellable = g_cancellable_new ();

  g_signal_connect_object (self->session, "ended",
                           G_CALLBACK (on_session_ended_cb), self, G_CONNECT_SWAPPED);
  g_object_bind_property (self->session, "logged-in",
                          g_action_map_lookup_action (G_ACTION_MAP (self), "logout"), "enabled",
                          G_BINDING_SYNC_CREATE);

  g_signal_connect_object (agent_window_get_login_page (agent_application_ensure_window (self)), "submit",
                           G_CALLBACK (on_login_page_submit_cb), self, G_CONNECT_SWAPPED);

  /* The last account, and its remembered password if any, whether we were started from the
   * command line or by D-Bus activation. The command line may still ask for another login. */
  {
    g_autofree char *server = g_settings_get_string (self->settings, "server");
    g_autofree char *account = g_settings_get_string (self->settings, "account");
    AgentLoginPage *login_page = agent_window_get_login_page (agent_application_ensure_window (self));

    agent_login_page_set_server (login_page, server);
    if (*account != '\0')
      agent_login_page_set_account (login_page, account);
    if (*server != '\0' && *account != '\0')
      {
        self->starting = TRUE;
        self->auto_login_id = g_idle_add (on_auto_login_cb, self);
      }
  }

  /* -- Services built on the session (call pop-up, outbox, dialer) are created here. -- */
  agent_popup_manager_install (GTK_APPLICATION (self), self->session, self->settings);
  agent_power_monitor_install (GTK_APPLICATION (self), self->session, self->settings);
  agent_reminders_install (GTK_APPLICATION (self), self->session, self->settings);
}

static void
agent_application_shutdown (GApplication *app)
{
  AgentApplication *self = AGENT_APPLICATION (app);

  g_clear_handle_id (&self->quit_backstop_id, g_source_remove);
  g_clear_handle_id (&self->auto_login_id, g_source_remove);
  g_clear_handle_id (&self->present_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->sandbox != NULL)
    agent_sandbox_stop (self->sandbox);
  agent_trace_flush ();

  G_APPLICATION_CLASS (agent_application_parent_class)->shutdown (app);
}

static void
agent_application_dispose (GObject *object)
{
  AgentApplication *self = AGENT_APPLICATION (object);

  g_clear_handle_id (&self->quit_backstop_id, g_source_remove);
  if (self->credentials != NULL)
    g_object_set_data (G_OBJECT (self->credentials), "agent-application", NULL);
  g_clear_object (&self->session);
  g_clear_object (&self->credentials);
  g_clear_object (&self->sandbox);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (agent_application_parent_class)->dispose (object);
}

static void
agent_application_finalize (GObject *object)
{
  AgentApplication *self = AGENT_APPLICATION (object);

  g_free (self->pending_dial);
  g_free (self->pending_page);
  g_free (self->last_server);
  g_free (self->last_account);

  G_OBJECT_CLASS (agent_application_parent_class)->finalize (object);
}

static void
agent_application_class_init (AgentApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = agent_application_dispose;
  object_class->finalize = agent_application_finalize;

  app_class->startup = agent_application_startup;
  app_class->shutdown = agent_application_shutdown;
  app_class->activate = agent_application_activate;
  app_class->open = agent_application_open;
  app_class->command_line = agent_application_command_line;

  /**
   * AgentApplication::dial-requested:
   * @self: the application
   * @number: the number to dial
   *
   * The `dial` action, `--dial` or a `tel:` link, once logged in. The dialer handles it and
   * returns %TRUE; it writes the `dial` trace event.
   */
  agent_application_signals[DIAL_REQUESTED] =
    g_signal_new ("dial-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 1, G_TYPE_STRING);

  /**
   * AgentApplication::open-customer-requested:
   * @self: the application
   * @phone: the customer's phone number
   *
   * The `open-customer` action, once logged in; the handler writes `customer-shown`.
   */
  agent_application_signals[OPEN_CUSTOMER_REQUESTED] =
    g_signal_new ("open-customer-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 1, G_TYPE_STRING);

  /**
   * AgentApplication::play-recording-requested:
   * @self: the application
   * @cdr_id: the call record's id, as text
   *
   * The `play-recording` action, once logged in; the handler writes `playback-state`.
   */
  agent_application_signals[PLAY_RECORDING_REQUESTED] =
    g_signal_new ("play-recording-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 1, G_TYPE_STRING);
}

static void
agent_application_init (AgentApplication *self)
{
  /* The remaining arguments' entry names them in the usage line: "[tel:NUMBER]", once. */
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
}

AgentApplication *
agent_application_new (void)
{
  return g_object_new (AGENT_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/org/babaihu/Agent",
                       NULL);
}

/**
 * agent_application_get_session:
 *
 * Returns: (transfer none): the session, logged in or not
 */
AgentSession *
agent_application_get_session (AgentApplication *self)
{
  g_return_val_if_fail (AGENT_IS_APPLICATION (self), NULL);

  return self->session;
}

/**
 * agent_application_get_credentials:
 *
 * Returns: (transfer none): the keyring access
 */
AgentCredentials *
agent_application_get_credentials (AgentApplication *self)
{
  g_return_val_if_fail (AGENT_IS_APPLICATION (self), NULL);

  return self->credentials;
}

/**
 * agent_application_get_sandbox:
 *
 * Returns: (transfer none): the demo sandbox child process, running or not
 */
AgentSandbox *
agent_application_get_sandbox (AgentApplication *self)
{
  g_return_val_if_fail (AGENT_IS_APPLICATION (self), NULL);

  return self->sandbox;
}

/**
 * agent_application_get_window:
 *
 * Returns: (transfer none): the main window, created when there is none
 */
AgentWindow *
agent_application_get_window (AgentApplication *self)
{
  g_return_val_if_fail (AGENT_IS_APPLICATION (self), NULL);

  return agent_application_ensure_window (self);
}

/**
 * agent_application_get_settings:
 *
 * Returns: (transfer none): the `org.babaihu.Agent` settings
 */
GSettings *
agent_application_get_settings (AgentApplication *self)
{
  g_return_val_if_fail (AGENT_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * agent_application_toast:
 * @self: a #AgentApplication
 * @message: what to say
 *
 * Shows @message as a toast in the main window.
 */
void
agent_application_toast (AgentApplication *self,
                         const char       *message)
{
  g_return_if_fail (AGENT_IS_APPLICATION (self));

  agent_window_add_toast (agent_application_ensure_window (self), message);
}
