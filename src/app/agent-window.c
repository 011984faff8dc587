/* agent-window.c — the main window: login page, header, bars and the pages
 *
 * The window follows the session: the login page while nobody is logged in, the pages once
 * somebody is; the header shows who, the switch whether they take calls, the indicator and
 * the bar whether events arrive. It changes nothing itself: the switch and the Retry button
 * go through actions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-window"

#include "config.h"

#include <glib/gi18n.h>

#include "agent-agents-page.h"
#include "agent-blacklist-page.h"
#include "agent-board-page.h"
#include "agent-campaigns-page.h"
#include "agent-customers-page.h"
#include "agent-home-page.h"
#include "agent-history-page.h"
#include "agent-memos-page.h"
#include "agent-tasks-page.h"
#include "agent-sms-page.h"
#include "agent-page.h"
#include "agent-reminders.h"
#include "agent-trace.h"
#include "agent-voice-page.h"
#include "agent-window.h"

typedef struct
{
  const char *name;
  const char *title;
  const char *icon_name;
  gboolean    admin;
} PageInfo;

static const PageInfo page_infos[] = {
  { "home",      N_("Today"),           "user-home-symbolic",                FALSE },
  { "history",   N_("Call History"),    "document-open-recent-symbolic",     FALSE },
  { "customers", N_("Customers"),       "system-users-symbolic",             FALSE },
  { "memos",     N_("Memos"),           "accessories-text-editor-symbolic",  FALSE },
  { "tasks",     N_("Outbound Tasks"),  "view-list-symbolic",                FALSE },
  { "sms",       N_("Text Messages"),   "mail-unread-symbolic",              FALSE },
  { "agents",    N_("Agents"),          "avatar-default-symbolic",           TRUE },
  { "board",     N_("Live Board"),      "utilities-system-monitor-symbolic", TRUE },
  { "blacklist", N_("Blacklist"),       "action-unavailable-symbolic",       TRUE },
  { "campaigns", N_("Campaigns"),       "mail-send-symbolic",                TRUE },
  { "voice",     N_("Voice Codes"),     "audio-volume-high-symbolic",        TRUE },
};

struct _AgentWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
  GtkWidget       *check_in_box;
  GtkSwitch       *check_in_switch;
  GtkLabel        *check_in_label;
  GtkImage        *connection_icon;
  GtkImage        *insecure_icon;
  GtkInfoBar      *sandbox_bar;
  GtkInfoBar      *connection_bar;
  GtkLabel        *connection_label;
  GtkStack        *main_stack;
  AgentLoginPage  *login_page;
  GtkStack        *page_stack;
  GtkWidget       *dialer_separator;
  AdwBin          *dialer_slot;

  /* Owned */
  AgentSession    *session;
  GSettings       *settings;
  GSignalGroup    *session_signals;
  gint64           retry_deadline_us;
  guint            countdown_id;

  guint            sandbox : 1;
  guint            showing_page : 1;
  guint            outage : 1;        /* the connection bar is up */
  guint            disposed : 1;      /* going away: build no page */
};

G_DEFINE_FINAL_TYPE (AgentWindow, agent_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const PageInfo *
find_page_info (const char *name)
{
  if (name == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (page_infos); i++)
    if (g_str_equal (page_infos[i].name, name))
      return &page_infos[i];
  return NULL;
}

/* Pages other parts of the application implement are created here; the rest wait as
 * placeholders until they exist. */
static GtkWidget *
create_page (const PageInfo *info)
{
  GtkWidget *status;

  if (g_str_equal (info->name, "home"))
    return agent_home_page_new ();
  if (g_str_equal (info->name, "history"))
    return agent_history_page_new ();
  if (g_str_equal (info->name, "agents"))
    return agent_agents_page_new ();
  if (g_str_equal (info->name, "blacklist"))
    return agent_blacklist_page_new ();
  if (g_str_equal (info->name, "board"))
    return agent_board_page_new ();
  if (g_str_equal (info->name, "campaigns"))
    return agent_campaigns_page_new ();
  if (g_str_equal (info->name, "voice"))
    return agent_voice_page_new ();
  if (g_str_equal (info->name, "customers"))
    return agent_customers_page_new ();
  if (g_str_equal (info->name, "memos"))
    return agent_memos_page_new ();
  if (g_str_equal (info->name, "tasks"))
    return agent_tasks_page_new ();
  if (g_str_equal (info->name, "sms"))
    return agent_sms_page_new ();

  status = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), info->icon_name);
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _(info->title));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("This part of Babaihu Agent is not ready yet."));
  return status;
}

/* The page stack holds an empty slot per page; the page itself is built the first time it
 * is shown or asked for. Building all eleven at start-up doubled the time to the first frame
 * and took 50 MB for pages most agents never open (BENCHMARKS.md). */
static GtkWidget *
ensure_page (AgentWindow *self,
             const char  *name)
{
  const PageInfo *info = find_page_info (name);
  GtkWidget *slot;
  GtkWidget *page;

  if (info == NULL)
    return NULL;

  slot = gtk_stack_get_child_by_name (self->page_stack, name);
  g_return_val_if_fail (ADW_IS_BIN (slot), NULL);

  page = adw_bin_get_child (ADW_BIN (slot));
  if (page == NULL && !self->disposed)
    {
      page = create_page (info);
      g_object_set_data (G_OBJECT (page), "agent-page-name", (gpointer) info->name);
      adw_bin_set_child (ADW_BIN (slot), page);
    }
  return page;
}

static void
update_identity (AgentWindow *self)
{
  BbhExtension *extension = agent_session_get_extension (self->session);
  BbhClient *client = agent_session_get_client (self->session);
  gboolean admin = agent_session_get_is_admin (self->session);

  if (extension == NULL)
    {
      adw_window_title_set_title (self->window_title, _("Babaihu Agent"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->insecure_icon), FALSE);
    }
  else
    {
      const char *name = bbh_extension_get_name (extension);
      const char *number = bbh_extension_get_extension (extension);
      const char *company = bbh_extension_get_company_name (extension);
      g_autofree char *subtitle = NULL;

      if (name == NULL || *name == '\0')
        name = agent_session_get_account (self->session);

      if (company != NULL && *company != '\0')
        /* Translators: the header's subtitle: the extension number, then the company. */
        subtitle = g_strdup_printf (_("Extension %s · %s"), number != NULL ? number : "", company);
      else
        subtitle = g_strdup_printf (_("Extension %s"), number != NULL ? number : "");

      adw_window_title_set_title (self->window_title, name);
      adw_window_title_set_subtitle (self->window_title, subtitle);
      gtk_widget_set_visible (GTK_WIDGET (self->insecure_icon),
                              client != NULL && !bbh_client_is_encrypted (client) &&
                              !bbh_client_is_loopback (client));
    }

  for (guint i = 0; i < G_N_ELEMENTS (page_infos); i++)
    if (page_infos[i].admin)
      {
        GtkWidget *child = gtk_stack_get_child_by_name (self->page_stack, page_infos[i].name);

        gtk_stack_page_set_visible (gtk_stack_get_page (self->page_stack, child), admin);
      }
}

static void
update_check_in (AgentWindow *self)
{
  gboolean checked_in = agent_session_get_checked_in (self->session);

  /* The switch shows what the server confirmed, not what was clicked. */
  g_signal_handlers_block_matched (self->check_in_switch, G_SIGNAL_MATCH_DATA,
                                   0, 0, NULL, NULL, self);
  gtk_switch_set_state (self->check_in_switch, checked_in);
  gtk_switch_set_active (self->check_in_switch, checked_in);
  g_signal_handlers_unblock_matched (self->check_in_switch, G_SIGNAL_MATCH_DATA,
                                     0, 0, NULL, NULL, self);
  gtk_label_set_label (self->check_in_label,
                       checked_in ? _("Checked In") : _("Checked Out"));
}

static gboolean
on_check_in_state_set_cb (AgentWindow *self,
                          gboolean     state)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "app.check-in", "b", state);
  return TRUE;
}

static void
update_countdown_label (AgentWindow *self)
{
  gint64 left_us = self->retry_deadline_us - g_get_monotonic_time ();
  guint left_s = left_us > 0 ? (guint) ((left_us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC) : 0;
  g_autofree char *text = NULL;

  if (left_s > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Connection lost — retrying in %u second",
                                         "Connection lost — retrying in %u seconds",
                                         left_s),
                            left_s);
  else
    text = g_strdup (_("Connection lost — retrying now…"));

  gtk_label_set_label (self->connection_label, text);
}

static gboolean
on_countdown_tick_cb (gpointer user_data)
{
  AgentWindow *self = user_data;

  update_countdown_label (self);
  if (self->retry_deadline_us <= g_get_monotonic_time ())
    {
      self->countdown_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
update_connection (AgentWindow *self)
{
  gboolean logged_in = agent_session_get_logged_in (self->session);
  gboolean connected = agent_session_get_connected (self->session);
  guint retry_in = agent_session_get_retry_in (self->session);
  gboolean lost;

  /* Lost: a request failed and none has succeeded since. `retry-in` drops to 0 at each new
   * attempt during an outage; the bar stays ("retrying now…") until one succeeds. Before the
   * first failure — right after login, while the first long poll is held — nothing was lost. */
  if (!logged_in || connected)
    self->outage = FALSE;
  else if (retry_in > 0)
    self->outage = TRUE;
  lost = self->outage;

  gtk_widget_set_visible (GTK_WIDGET (self->connection_icon), logged_in);
  gtk_image_set_from_icon_name (self->connection_icon,
                                connected ? "network-transmit-receive-symbolic"
                                          : "network-offline-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->connection_icon),
                               connected ? _("Connected: calls arrive as they happen")
                                         : _("Not connected: calls are not arriving"));
  if (connected)
    gtk_widget_remove_css_class (GTK_WIDGET (self->connection_icon), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->connection_icon), "error");

  if (lost)
    {
      self->retry_deadline_us = g_get_monotonic_time () + (gint64) retry_in * G_USEC_PER_SEC;
      update_countdown_label (self);
      /* The countdown ticks only while there is something to count down. */
      if (retry_in > 0 && self->countdown_id == 0)
        self->countdown_id = g_timeout_add_seconds (1, on_countdown_tick_cb, self);
      else if (retry_in == 0)
        g_clear_handle_id (&self->countdown_id, g_source_remove);
    }
  else
    g_clear_handle_id (&self->countdown_id, g_source_remove);

  gtk_info_bar_set_revealed (self->connection_bar, lost);
}

static void
trace_page_shown (AgentWindow *self,
                  GtkWidget   *page,
                  const char  *name,
                  guint        rows)
{
  if (!agent_trace_enabled ())
    return;

  agent_trace_on_next_paint (page, "page-shown",
                             "page", g_variant_new_string (name),
                             "rows", g_variant_new_uint32 (rows),
                             NULL);
}

static void
on_page_loaded_cb (AgentPage *page,
                   guint      rows,
                   gpointer   user_data)
{
  AgentWindow *self = AGENT_WINDOW (user_data);
  const char *name = g_object_get_data (G_OBJECT (page), "agent-page-name");

  g_signal_handlers_disconnect_by_func (page, on_page_loaded_cb, self);
  trace_page_shown (self, GTK_WIDGET (page), name, rows);
}

static void
load_page (AgentWindow *self,
           const char  *name)
{
  GtkWidget *page;

  if (name == NULL || !agent_session_get_logged_in (self->session))
    return;

  page = ensure_page (self, name);
  if (page == NULL)
    return;

  if (AGENT_IS_PAGE (page))
    {
      g_signal_handlers_disconnect_by_func (page, on_page_loaded_cb, self);
      g_signal_connect_object (page, "loaded", G_CALLBACK (on_page_loaded_cb), self, 0);
      agent_page_load (AGENT_PAGE (page), self->session);
    }
  else
    trace_page_shown (self, page, name, 0);
}

static void
on_page_switched_cb (AgentWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->page_stack);

  /* A click in the sidebar loads the page like the action does. */
  if (!self->showing_page && !self->disposed && name != NULL &&
      g_str_equal (gtk_stack_get_visible_child_name (self->main_stack), "main"))
    load_page (self, name);
}

static void
on_logged_in_changed_cb (AgentWindow *self)
{
  gboolean logged_in = agent_session_get_logged_in (self->session);

  update_identity (self);
  update_check_in (self);
  update_connection (self);
  gtk_widget_set_visible (self->check_in_box, logged_in);

  if (logged_in)
    {
      agent_login_page_clear_password (self->login_page);
      agent_login_page_set_error (self->login_page, NULL);
      gtk_stack_set_visible_child_name (self->main_stack, "main");

      /* window-shown: the first frame of the logged-in window that reached the screen. */
      if (agent_trace_enabled ())
        agent_trace_on_next_paint (GTK_WIDGET (self->page_stack), "window-shown",
                                   "account", g_variant_new_string (agent_session_get_account (self->session)),
                                   NULL);

      self->showing_page = TRUE;
      gtk_stack_set_visible_child_name (self->page_stack, "home");
      self->showing_page = FALSE;
      load_page (self, "home");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->main_stack, "login");
    }
}

static void
on_busy_changed_cb (AgentWindow *self)
{
  agent_login_page_set_busy (self->login_page, agent_session_get_busy (self->session));
}

static void
retry_connection_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  AgentWindow *self = AGENT_WINDOW (widget);

  agent_session_retry_now (self->session);
}

static void
agent_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AgentWindow *self = AGENT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
agent_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AgentWindow *self = AGENT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
agent_window_constructed (GObject *object)
{
  AgentWindow *self = AGENT_WINDOW (object);

  G_OBJECT_CLASS (agent_window_parent_class)->constructed (object);

  g_assert (AGENT_IS_SESSION (self->session));

  self->session_signals = g_signal_group_new (AGENT_TYPE_SESSION);
  g_signal_group_connect_object (self->session_signals, "notify::logged-in",
                                 G_CALLBACK (on_logged_in_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::busy",
                                 G_CALLBACK (on_busy_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::checked-in",
                                 G_CALLBACK (update_check_in), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::connected",
                                 G_CALLBACK (update_connection), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::retry-in",
                                 G_CALLBACK (update_connection), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::extension",
                                 G_CALLBACK (update_identity), self, G_CONNECT_SWAPPED);
  g_signal_group_set_target (self->session_signals, self->session);

  /* Text messages arrive whether their page was ever built or not. */
  agent_sms_page_follow_session (self->session);

  on_logged_in_changed_cb (self);
  on_busy_changed_cb (self);
}

static gboolean
agent_window_close_request (GtkWindow *window)
{
  AgentWindow *self = AGENT_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  /* With follow-up reminders pending and "run in background" on, the window only hides:
   * the reminders hold the application and still notify on time. Otherwise closing the
   * window ends the application the same way Quit does: the agent is checked out and the
   * sandbox stopped. */
  {
    GtkApplication *app = gtk_window_get_application (window);
    AgentReminders *reminders = app != NULL
      ? agent_reminders_get_for_application (G_APPLICATION (app)) : NULL;

    if (reminders != NULL && agent_reminders_get_holding (reminders))
      {
        gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
        return TRUE;
      }
  }

  gtk_widget_activate_action (GTK_WIDGET (self), "app.quit", NULL);
  return TRUE;
}

static void
agent_window_dispose (GObject *object)
{
  AgentWindow *self = AGENT_WINDOW (object);

  /* The stack shows another slot as it loses its children: that builds nothing now. */
  self->disposed = TRUE;
  g_clear_handle_id (&self->countdown_id, g_source_remove);
  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);

  gtk_widget_dispose_template (GTK_WIDGET (self), AGENT_TYPE_WINDOW);

  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (agent_window_parent_class)->dispose (object);
}

static void
agent_window_class_init (AgentWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = agent_window_get_property;
  object_class->set_property = agent_window_set_property;
  object_class->constructed = agent_window_constructed;
  object_class->dispose = agent_window_dispose;

  window_class->close_request = agent_window_close_request;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, AGENT_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (AGENT_TYPE_LOGIN_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/babaihu/Agent/agent-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AgentWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AgentWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AgentWindow, check_in_box);
  gtk_widget_class_bind_template_child (widget_class, AgentWindow, check_in_switch);
  gtk_widget_class_bind_template_child (widget_class, AgentWindow, check_in_label);
  gtk_widget_class_bind_template_child (widget_class, AgentWindow, connection_icon);
  gtk_widget_class_bind_template_child (widget_class, AgentWindow, insecure_icon);
  gtk_widget_class_bind_template_child (widget_class, AgentWindow, sandbox_bar);
  gtk_widget_class_bind_template_child (widget_class, AgentWindow, connection_bar);
  gtk_widget_class_bind_template_child (widget_class, AgentWindow, connection_label);
  gtk_widget_class_bind_template_child (widget_class, AgentWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, AgentWindow, login_page);
  gtk_widget_class_bind_template_child (widget_class, AgentWindow, page_stack);
  gtk_widget_class_bind_template_child (widget_class, AgentWindow, dialer_separator);
  gtk_widget_class_bind_template_child (widget_class, AgentWindow, dialer_slot);
  gtk_widget_class_bind_template_callback (widget_class, on_check_in_state_set_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_page_switched_cb);

  gtk_widget_class_install_action (widget_class, "win.retry-connection", NULL,
                                   retry_connection_action);
}

static void
agent_window_init (AgentWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  /* Empty slots: ensure_page() fills one when its page is first needed. */
  self->showing_page = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (page_infos); i++)
    {
      GtkStackPage *stack_page;

      stack_page = gtk_stack_add_titled (self->page_stack, adw_bin_new (), page_infos[i].name,
                                         _(page_infos[i].title));
      gtk_stack_page_set_icon_name (stack_page, page_infos[i].icon_name);
      gtk_stack_page_set_visible (stack_page, !page_infos[i].admin);
    }
  self->showing_page = FALSE;
}

AgentWindow *
agent_window_new (GtkApplication *application,
                  AgentSession   *session)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (AGENT_IS_SESSION (session), NULL);

  return g_object_new (AGENT_TYPE_WINDOW,
                       "application", application,
                       "session", session,
                       NULL);
}

/**
 * agent_window_get_session:
 *
 * Returns: (transfer none): the session the window shows
 */
AgentSession *
agent_window_get_session (AgentWindow *self)
{
  g_return_val_if_fail (AGENT_IS_WINDOW (self), NULL);

  return self->session;
}

/**
 * agent_window_get_login_page:
 *
 * Returns: (transfer none): the login page
 */
AgentLoginPage *
agent_window_get_login_page (AgentWindow *self)
{
  g_return_val_if_fail (AGENT_IS_WINDOW (self), NULL);

  return self->login_page;
}

gboolean
agent_page_name_is_known (const char *name)
{
  return find_page_info (name) != NULL;
}

gboolean
agent_page_name_is_admin (const char *name)
{
  const PageInfo *info = find_page_info (name);

  return info != NULL && info->admin;
}

/**
 * agent_window_show_page:
 * @self: a #AgentWindow
 * @name: a page name: `home`, `history`, `customers`, `memos`, `tasks`, `sms`, and for
 *   administrators `agents`, `board`, `blacklist`, `campaigns`, `voice`
 *
 * Shows and (re)loads the page; `page-shown` is written once its data is on screen, also
 * when it was shown already. A page the account may not see writes `page-denied` and shows a
 * toast; nothing else changes.
 *
 * Returns: what happened
 */
AgentShowPageResult
agent_window_show_page (AgentWindow *self,
                        const char  *name)
{
  const PageInfo *info;

  g_return_val_if_fail (AGENT_IS_WINDOW (self), AGENT_SHOW_PAGE_UNKNOWN);

  info = find_page_info (name);
  if (info == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("There is no page called “%s”."), name);

      agent_window_add_toast (self, message);
      return AGENT_SHOW_PAGE_UNKNOWN;
    }

  if (!agent_session_get_logged_in (self->session))
    {
      agent_window_show_login (self, _("Log in to see this page."));
      return AGENT_SHOW_PAGE_LOGGED_OUT;
    }

  if (info->admin && !agent_session_get_is_admin (self->session))
    {
      AGENT_TRACE ("page-denied", "page", g_variant_new_string (name), NULL);
      agent_window_add_toast (self, _("Only company administrators can open this page."));
      return AGENT_SHOW_PAGE_DENIED;
    }

  self->showing_page = TRUE;
  gtk_stack_set_visible_child_name (self->page_stack, name);
  self->showing_page = FALSE;
  load_page (self, name);
  return AGENT_SHOW_PAGE_SHOWN;
}

/**
 * agent_window_get_page_name:
 *
 * Returns: (nullable): the page shown, or %NULL on the login page
 */
const char *
agent_window_get_page_name (AgentWindow *self)
{
  g_return_val_if_fail (AGENT_IS_WINDOW (self), NULL);

  if (!g_str_equal (gtk_stack_get_visible_child_name (self->main_stack), "main"))
    return NULL;
  return gtk_stack_get_visible_child_name (self->page_stack);
}

/**
 * agent_window_get_page:
 *
 * Pages are built the first time they are shown; asking for one builds it (without showing
 * or loading it).
 *
 * Returns: (transfer none) (nullable): the page widget called @name, %NULL for an unknown name
 */
GtkWidget *
agent_window_get_page (AgentWindow *self,
                       const char  *name)
{
  g_return_val_if_fail (AGENT_IS_WINDOW (self), NULL);

  return ensure_page (self, name);
}

/**
 * agent_window_show_login:
 * @self: a #AgentWindow
 * @message: (nullable): why, shown on the login page
 *
 * Brings the login page forward when nobody is logged in, with @message under the form.
 */
void
agent_window_show_login (AgentWindow *self,
                         const char  *message)
{
  g_return_if_fail (AGENT_IS_WINDOW (self));

  if (agent_session_get_logged_in (self->session))
    return;

  gtk_stack_set_visible_child_name (self->main_stack, "login");
  if (message != NULL)
    agent_login_page_set_error (self->login_page, message);
  gtk_window_present (GTK_WINDOW (self));
}

void
agent_window_add_toast (AgentWindow *self,
                        const char  *message)
{
  g_return_if_fail (AGENT_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/**
 * agent_window_set_sandbox:
 * @self: a #AgentWindow
 * @sandbox: whether the session is on the demo sandbox
 *
 * Shows the bar that says calls are simulated.
 */
void
agent_window_set_sandbox (AgentWindow *self,
                          gboolean     sandbox)
{
  g_return_if_fail (AGENT_IS_WINDOW (self));

  self->sandbox = !!sandbox;
  gtk_info_bar_set_revealed (self->sandbox_bar, self->sandbox);
}

gboolean
agent_window_get_sandbox (AgentWindow *self)
{
  g_return_val_if_fail (AGENT_IS_WINDOW (self), FALSE);

  return self->sandbox;
}

/**
 * agent_window_set_dialer:
 * @self: a #AgentWindow
 * @dialer: (nullable): the dial field and its keypad, or %NULL to remove it
 *
 * Puts @dialer under the page list, where it stays in sight whatever page is shown.
 */
void
agent_window_set_dialer (AgentWindow *self,
                         GtkWidget   *dialer)
{
  g_return_if_fail (AGENT_IS_WINDOW (self));
  g_return_if_fail (dialer == NULL || GTK_IS_WIDGET (dialer));

  adw_bin_set_child (self->dialer_slot, dialer);
  gtk_widget_set_visible (GTK_WIDGET (self->dialer_slot), dialer != NULL);
  gtk_widget_set_visible (self->dialer_separator, dialer != NULL);
}

/**
 * agent_window_get_dialer:
 *
 * Returns: (transfer none) (nullable): the widget given to agent_window_set_dialer()
 */
GtkWidget *
agent_window_get_dialer (AgentWindow *self)
{
  g_return_val_if_fail (AGENT_IS_WINDOW (self), NULL);

  return adw_bin_get_child (self->dialer_slot);
}
