/* agent-login-page.c — server, account and password, and what went wrong
 *
 * The page checks what it can before anything is sent (an account is digits, a custom
 * server has an address) and hands the rest to whoever listens to ::submit. The clear
 * password goes out through ::submit only, and is cleared from the entry once the login
 * succeeded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-login-page"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "bbh.h"

#include "agent-login-page.h"

struct _AgentLoginPage
{
  AdwBin parent_instance;

  /* Template widgets */
  AdwComboRow          *server_row;
  AdwEntryRow          *custom_server_row;
  AdwEntryRow          *account_row;
  AdwPasswordEntryRow  *password_row;
  GtkSwitch            *remember_switch;
  GtkLabel             *error_label;
  GtkButton            *login_button;
  GtkSpinner           *spinner;
  AdwPreferencesGroup  *form_group;

  /* Owned */
  char                 *error;

  guint                 busy : 1;
};

G_DEFINE_FINAL_TYPE (AgentLoginPage, agent_login_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_ERROR,
  N_PROPS
};

enum {
  SUBMIT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
is_digits (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  for (; *text; text++)
    if (!g_ascii_isdigit (*text))
      return FALSE;
  return TRUE;
}

static void
update_custom_row (AgentLoginPage *self)
{
  gboolean custom = agent_login_page_get_preset (self) == AGENT_SERVER_CUSTOM;
  gboolean sandbox = agent_login_page_get_preset (self) == AGENT_SERVER_SANDBOX;

  gtk_widget_set_visible (GTK_WIDGET (self->custom_server_row), custom);

  /* The demo account is filled in for the sandbox: nobody has to know it. */
  if (sandbox && *gtk_editable_get_text (GTK_EDITABLE (self->account_row)) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->account_row), "100008800");
}

static void
on_server_selected_cb (AgentLoginPage *self)
{
  update_custom_row (self);
  agent_login_page_set_error (self, NULL);
}

static void
on_entry_changed_cb (AgentLoginPage *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->account_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->custom_server_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->password_row), "error");
}

static void
on_entry_activated_cb (AgentLoginPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "login.submit", NULL);
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AgentLoginPage *self = AGENT_LOGIN_PAGE (widget);
  AgentServerPreset preset = agent_login_page_get_preset (self);
  g_autofree char *server = agent_login_page_get_server (self);
  const char *account = gtk_editable_get_text (GTK_EDITABLE (self->account_row));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  g_autofree char *account_clean = g_strstrip (g_strdup (account));

  if (self->busy)
    return;

  if (preset == AGENT_SERVER_CUSTOM)
    {
      g_autofree char *with_scheme = NULL;

      if (server == NULL || *server == '\0')
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->custom_server_row), "error");
          agent_login_page_set_error (self, _("Enter the address of your 800ing server, such as https://voip.example.com."));
          gtk_widget_grab_focus (GTK_WIDGET (self->custom_server_row));
          return;
        }
      with_scheme = strstr (server, "://") != NULL ? g_strdup (server)
                                                   : g_strconcat ("http://", server, NULL);
      if (!g_uri_is_valid (with_scheme, G_URI_FLAGS_NONE, NULL) ||
          !(g_str_has_prefix (with_scheme, "http://") || g_str_has_prefix (with_scheme, "https://")))
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->custom_server_row), "error");
          agent_login_page_set_error (self, _("The server address is not valid. It looks like https://voip.example.com or http://192.168.1.10:8081."));
          gtk_widget_grab_focus (GTK_WIDGET (self->custom_server_row));
          return;
        }
    }

  if (!is_digits (account_clean))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->account_row), "error");
      agent_login_page_set_error (self, _("The account is made of digits only: your company number and your extension, such as 100008800."));
      gtk_widget_grab_focus (GTK_WIDGET (self->account_row));
      return;
    }

  if (*password == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->password_row), "error");
      agent_login_page_set_error (self, _("Enter your password."));
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  agent_login_page_set_error (self, NULL);
  g_signal_emit (self, signals[SUBMIT], 0,
                 (guint) preset, server, account_clean, password,
                 gtk_switch_get_active (self->remember_switch));
}

static void
agent_login_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AgentLoginPage *self = AGENT_LOGIN_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
agent_login_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), AGENT_TYPE_LOGIN_PAGE);

  G_OBJECT_CLASS (agent_login_page_parent_class)->dispose (object);
}

static void
agent_login_page_finalize (GObject *object)
{
  AgentLoginPage *self = AGENT_LOGIN_PAGE (object);

  g_free (self->error);

  G_OBJECT_CLASS (agent_login_page_parent_class)->finalize (object);
}

/* The first field still to fill has the keyboard: a remembered server and account leave the
 * password to type. */
static void
focus_first_field (AgentLoginPage *self)
{
  const char *custom = gtk_editable_get_text (GTK_EDITABLE (self->custom_server_row));
  const char *account = gtk_editable_get_text (GTK_EDITABLE (self->account_row));
  GtkWidget *first;

  if (agent_login_page_get_preset (self) == AGENT_SERVER_CUSTOM && *custom == '\0')
    first = GTK_WIDGET (self->custom_server_row);
  else if (*account == '\0')
    first = GTK_WIDGET (self->account_row);
  else
    first = GTK_WIDGET (self->password_row);
  gtk_widget_grab_focus (first);
}

static void
agent_login_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (agent_login_page_parent_class)->map (widget);

  if (!AGENT_LOGIN_PAGE (widget)->busy)
    focus_first_field (AGENT_LOGIN_PAGE (widget));
}

static void
agent_login_page_class_init (AgentLoginPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = agent_login_page_get_property;
  object_class->dispose = agent_login_page_dispose;
  object_class->finalize = agent_login_page_finalize;
  widget_class->map = agent_login_page_map;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AgentLoginPage::submit:
   * @self: the page
   * @preset: an #AgentServerPreset
   * @server: (nullable): the server address, %NULL for the sandbox
   * @account: the account, digits only
   * @password: the clear password
   * @remember: whether to remember the password
   *
   * The person asked to log in with what passed the page's checks.
   */
  signals[SUBMIT] =
    g_signal_new ("submit",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 5,
                  G_TYPE_UINT, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/babaihu/Agent/agent-login-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AgentLoginPage, server_row);
  gtk_widget_class_bind_template_child (widget_class, AgentLoginPage, custom_server_row);
  gtk_widget_class_bind_template_child (widget_class, AgentLoginPage, account_row);
  gtk_widget_class_bind_template_child (widget_class, AgentLoginPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, AgentLoginPage, remember_switch);
  gtk_widget_class_bind_template_child (widget_class, AgentLoginPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, AgentLoginPage, login_button);
  gtk_widget_class_bind_template_child (widget_class, AgentLoginPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, AgentLoginPage, form_group);
  gtk_widget_class_bind_template_callback (widget_class, on_server_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "login.submit", NULL, submit_action);
}

static void
agent_login_page_init (AgentLoginPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_custom_row (self);
}

GtkWidget *
agent_login_page_new (void)
{
  return g_object_new (AGENT_TYPE_LOGIN_PAGE, NULL);
}

AgentServerPreset
agent_login_page_get_preset (AgentLoginPage *self)
{
  guint selected;

  g_return_val_if_fail (AGENT_IS_LOGIN_PAGE (self), AGENT_SERVER_SANDBOX);

  selected = adw_combo_row_get_selected (self->server_row);
  return selected <= AGENT_SERVER_CUSTOM ? (AgentServerPreset) selected : AGENT_SERVER_SANDBOX;
}

/**
 * agent_login_page_get_server:
 *
 * Returns: (transfer full) (nullable): the chosen server's address, or %NULL for the sandbox
 */
char *
agent_login_page_get_server (AgentLoginPage *self)
{
  g_return_val_if_fail (AGENT_IS_LOGIN_PAGE (self), NULL);

  switch (agent_login_page_get_preset (self))
    {
    case AGENT_SERVER_800ING:
      return g_strdup (AGENT_800ING_URL);
    case AGENT_SERVER_CUSTOM:
      return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->custom_server_row))));
    case AGENT_SERVER_SANDBOX:
    default:
      return NULL;
    }
}

/**
 * agent_login_page_set_server:
 * @self: a #AgentLoginPage
 * @server: (nullable): an address; %NULL or empty selects the sandbox
 */
void
agent_login_page_set_server (AgentLoginPage *self,
                             const char     *server)
{
  g_return_if_fail (AGENT_IS_LOGIN_PAGE (self));

  if (server == NULL || *server == '\0')
    adw_combo_row_set_selected (self->server_row, AGENT_SERVER_SANDBOX);
  else if (g_str_equal (server, AGENT_800ING_URL))
    adw_combo_row_set_selected (self->server_row, AGENT_SERVER_800ING);
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (self->custom_server_row), server);
      adw_combo_row_set_selected (self->server_row, AGENT_SERVER_CUSTOM);
    }
  update_custom_row (self);
}

const char *
agent_login_page_get_account (AgentLoginPage *self)
{
  g_return_val_if_fail (AGENT_IS_LOGIN_PAGE (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->account_row));
}

void
agent_login_page_set_account (AgentLoginPage *self,
                              const char     *account)
{
  g_return_if_fail (AGENT_IS_LOGIN_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->account_row), account != NULL ? account : "");
}

/**
 * agent_login_page_set_password:
 *
 * Fills the password entry — for tests and --password-file, never from storage.
 */
void
agent_login_page_set_password (AgentLoginPage *self,
                               const char     *password)
{
  g_return_if_fail (AGENT_IS_LOGIN_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password != NULL ? password : "");
}

gboolean
agent_login_page_get_remember (AgentLoginPage *self)
{
  g_return_val_if_fail (AGENT_IS_LOGIN_PAGE (self), FALSE);

  return gtk_switch_get_active (self->remember_switch);
}

void
agent_login_page_set_remember (AgentLoginPage *self,
                               gboolean        remember)
{
  g_return_if_fail (AGENT_IS_LOGIN_PAGE (self));

  gtk_switch_set_active (self->remember_switch, remember);
}

gboolean
agent_login_page_get_busy (AgentLoginPage *self)
{
  g_return_val_if_fail (AGENT_IS_LOGIN_PAGE (self), FALSE);

  return self->busy;
}

/**
 * agent_login_page_set_busy:
 * @self: a #AgentLoginPage
 * @busy: whether a login is under way
 *
 * Spins the spinner and keeps the form from being changed meanwhile.
 */
void
agent_login_page_set_busy (AgentLoginPage *self,
                           gboolean        busy)
{
  g_return_if_fail (AGENT_IS_LOGIN_PAGE (self));

  busy = !!busy;
  if (self->busy == busy)
    return;

  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  if (busy)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

      /* A field made insensitive with the focus in it never hears it lost it (its cursor
       * goes on blinking, and GTK warns): the focus leaves the form first. */
      if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->form_group)))
        gtk_root_set_focus (root, NULL);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->form_group), !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "login.submit", !busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/**
 * agent_login_page_get_error:
 *
 * Returns: (nullable): the message the page shows under the form
 */
const char *
agent_login_page_get_error (AgentLoginPage *self)
{
  g_return_val_if_fail (AGENT_IS_LOGIN_PAGE (self), NULL);

  return self->error;
}

/**
 * agent_login_page_set_error:
 * @self: a #AgentLoginPage
 * @message: (nullable): what went wrong, in words; %NULL hides the message
 */
void
agent_login_page_set_error (AgentLoginPage *self,
                            const char     *message)
{
  g_return_if_fail (AGENT_IS_LOGIN_PAGE (self));

  if (message != NULL && *message == '\0')
    message = NULL;
  if (g_strcmp0 (self->error, message) == 0)
    return;

  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

void
agent_login_page_clear_password (AgentLoginPage *self)
{
  g_return_if_fail (AGENT_IS_LOGIN_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
}

/**
 * agent_login_error_describe:
 * @error: why the login failed
 * @server: (nullable): the server that was asked
 *
 * Returns: (transfer full): what went wrong and what to do, in plain words
 */
char *
agent_login_error_describe (const GError *error,
                            const char   *server)
{
  const char *where = server != NULL && *server != '\0' ? server : _("the server");

  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != BBH_ERROR)
    return g_strdup (error->message);

  switch (error->code)
    {
    case BBH_ERROR_AUTH:
      return g_strdup (_("The account or the password is wrong. Check both and try again."));
    case BBH_ERROR_NETWORK:
    case BBH_ERROR_UNREACHABLE:
      /* Translators: %s is a server address. */
      return g_strdup_printf (_("Cannot reach %s. Check the server address and your network connection."), where);
    case BBH_ERROR_PROTOCOL:
    case BBH_ERROR_HTTP:
    case BBH_ERROR_UNSUPPORTED:
      /* Translators: %s is a server address. */
      return g_strdup_printf (_("%s does not answer like an 800ing server. Check the server address."), where);
    case BBH_ERROR_TLS:
      /* Translators: %s is a server address. */
      return g_strdup_printf (_("The security certificate of %s is not valid, so the connection is not safe. Check the address, or ask your administrator."), where);
    case BBH_ERROR_PERMISSION:
      return g_strdup (_("This account has no permission to log in here. Ask your administrator."));
    case BBH_ERROR_TIMEOUT:
      /* Translators: %s is a server address. */
      return g_strdup_printf (_("%s did not answer in time. Try again in a moment."), where);
    default:
      return g_strdup (error->message);
    }
}
