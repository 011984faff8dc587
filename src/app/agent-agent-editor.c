/* agent-agent-editor.c — add or edit an agent, with every field addExtension knows
 *
 * The form has every field of sections 2.11.1 and 2.11.2. The extension is checked before
 * anything is sent (400–899, as the document says), the mobile number too. Editing sends only
 * what changed, so a field the server knows and this client does not show is left alone; an
 * empty password keeps the old one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-agent-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "agent-admin-private.h"
#include "agent-agent-editor.h"

#define EXTENSION_MIN 400
#define EXTENSION_MAX 899

/* The combo rows' positions and the values they stand for. */
static const int status_values[] = {
  BBH_AGENT_STATUS_AGENT, BBH_AGENT_STATUS_DISABLED, BBH_AGENT_STATUS_ADMIN, BBH_AGENT_STATUS_STAFF
};
static const int login_type_values[] = {
  BBH_LOGIN_TYPE_SOFTPHONE, BBH_LOGIN_TYPE_USB_BOX, BBH_LOGIN_TYPE_APP, BBH_LOGIN_TYPE_SIP_PHONE
};

struct _AgentAgentEditor
{
  AdwWindow        parent_instance;

  /* Template widgets */
  GtkWidget       *save_button;
  GtkSpinner      *spinner;
  GtkRevealer     *error_revealer;
  GtkLabel        *error_label;
  AdwEntryRow     *extension_row;
  GtkLabel        *extension_hint;
  AdwEntryRow     *name_row;
  AdwEntryRow     *login_name_row;
  AdwEntryRow     *password_row;
  AdwComboRow     *status_row;
  GtkSpinButton   *department_spin;
  AdwComboRow     *login_type_row;
  AdwEntryRow     *mobile_row;
  GtkSwitch       *forward_switch;
  GtkSwitch       *record_switch;
  GtkSwitch       *app_switch;
  GtkSpinButton   *shp_spin;
  GtkSpinButton   *transfer_shp_spin;
  AdwEntryRow     *memo_rows[5];

  /* Owned */
  BbhClient       *client;
  BbhAgent        *agent;      /* NULL: a new agent */
  GCancellable    *cancellable;
};

G_DEFINE_FINAL_TYPE (AgentAgentEditor, agent_agent_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_AGENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint
position_of (const int *values,
             guint      n_values,
             int        value)
{
  for (guint i = 0; i < n_values; i++)
    if (values[i] == value)
      return i;
  return 0;
}

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static char *
row_text_stripped (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (row_text (row)));
}

/* NULL when the extension is fine, else why not. */
static char *
check_extension (const char *text)
{
  guint64 n = 0;

  if (text == NULL || *text == '\0')
    return g_strdup (_("Enter the agent’s extension, a number from 400 to 899."));
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, &n, NULL) ||
      n < EXTENSION_MIN || n > EXTENSION_MAX)
    /* Translators: %s is what was typed as the extension */
    return g_strdup_printf (_("“%s” is not an extension: use a number from 400 to 899."), text);
  return NULL;
}

static void
on_extension_changed_cb (AgentAgentEditor *self)
{
  g_autofree char *text = row_text_stripped (self->extension_row);
  g_autofree char *problem = NULL;

  /* Say so while typing, but not for an empty field nobody typed in yet. */
  if (*text != '\0')
    problem = check_extension (text);
  gtk_label_set_label (self->extension_hint, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->extension_hint), problem != NULL);
  if (problem != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->extension_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->extension_row), "error");
}

static void
show_error (AgentAgentEditor *self,
            const char       *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static void
set_sending (AgentAgentEditor *self,
             gboolean          sending)
{
  gtk_spinner_set_spinning (self->spinner, sending);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", !sending);
}

static gboolean
validate (AgentAgentEditor  *self,
          char             **out_message)
{
  g_autofree char *extension = row_text_stripped (self->extension_row);
  g_autofree char *mobile = row_text_stripped (self->mobile_row);
  g_autofree char *problem = NULL;

  if (self->agent == NULL || !g_str_equal (extension, bbh_agent_get_extension (self->agent) ?: ""))
    problem = check_extension (extension);
  if (problem == NULL && *mobile != '\0')
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *phone = agent_admin_normalize_phone (mobile, &error);

      if (phone == NULL)
        problem = g_strdup_printf (_("The mobile number is not right: %s"), error->message);
    }

  if (problem != NULL)
    {
      *out_message = g_steal_pointer (&problem);
      return FALSE;
    }
  return TRUE;
}

/* Sets @text for @set when adding and it is not empty, or when editing and it changed. */
static gboolean
text_changed (AgentAgentEditor *self,
              const char       *text,
              const char       *old)
{
  if (self->agent == NULL)
    return *text != '\0';
  return g_strcmp0 (text, old != NULL ? old : "") != 0;
}

static BbhAgentEdit *
build_edit (AgentAgentEditor *self)
{
  BbhAgent *old = self->agent;
  g_autoptr(BbhAgentEdit) edit = old != NULL ? bbh_agent_edit_new_for_id (bbh_agent_get_id (old))
                                             : bbh_agent_edit_new ();
  g_autofree char *extension = row_text_stripped (self->extension_row);
  g_autofree char *name = row_text_stripped (self->name_row);
  g_autofree char *login_name = row_text_stripped (self->login_name_row);
  g_autofree char *mobile_text = row_text_stripped (self->mobile_row);
  g_autofree char *mobile = *mobile_text != '\0' ? agent_admin_normalize_phone (mobile_text, NULL)
                                                 : g_strdup ("");
  const char *password = row_text (self->password_row);
  int status = status_values[MIN (adw_combo_row_get_selected (self->status_row),
                                  G_N_ELEMENTS (status_values) - 1)];
  int login_type = login_type_values[MIN (adw_combo_row_get_selected (self->login_type_row),
                                          G_N_ELEMENTS (login_type_values) - 1)];
  gint64 department = (gint64) gtk_spin_button_get_value (self->department_spin);
  gint64 shp = (gint64) gtk_spin_button_get_value (self->shp_spin);
  gint64 transfer_shp = (gint64) gtk_spin_button_get_value (self->transfer_shp_spin);
  gboolean forward = gtk_switch_get_active (self->forward_switch);
  gboolean record = gtk_switch_get_active (self->record_switch);
  gboolean app = gtk_switch_get_active (self->app_switch);

  if (text_changed (self, extension, old ? bbh_agent_get_extension (old) : NULL))
    bbh_agent_edit_set_extension (edit, extension);
  if (text_changed (self, name, old ? bbh_agent_get_name (old) : NULL))
    bbh_agent_edit_set_name (edit, name);
  if (*password != '\0')
    bbh_agent_edit_set_password (edit, password);
  if (text_changed (self, login_name, old ? bbh_agent_get_login_name (old) : NULL))
    bbh_agent_edit_set_login_name (edit, login_name);
  if (text_changed (self, mobile, old ? bbh_agent_get_mobile (old) : NULL))
    bbh_agent_edit_set_mobile (edit, mobile);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *memo = row_text_stripped (self->memo_rows[i]);

      if (text_changed (self, memo, old ? bbh_agent_get_memo (old, i + 1) : NULL))
        bbh_agent_edit_set_memo (edit, i + 1, memo);
    }

  if (old == NULL || status != bbh_agent_get_status (old))
    bbh_agent_edit_set_status (edit, status);
  if (old == NULL || login_type != bbh_agent_get_login_type (old))
    bbh_agent_edit_set_login_type (edit, login_type);
  if ((old == NULL && department > 0) || (old != NULL && department != bbh_agent_get_department_id (old)))
    bbh_agent_edit_set_department_id (edit, department);
  if ((old == NULL && shp > 0) || (old != NULL && shp != bbh_agent_get_shp_id (old)))
    bbh_agent_edit_set_shp_id (edit, shp);
  if ((old == NULL && transfer_shp > 0) ||
      (old != NULL && transfer_shp != bbh_agent_get_transfer_shp_id (old)))
    bbh_agent_edit_set_transfer_shp_id (edit, transfer_shp);
  if (old == NULL || forward != (bbh_agent_get_mobile_rule (old) == 1))
    bbh_agent_edit_set_transfer_to_mobile (edit, forward);
  if (old == NULL || record != (bbh_agent_get_is_record (old) == 1))
    bbh_agent_edit_set_record (edit, record);
  if (old == NULL || app != (bbh_agent_get_is_app (old) == 1))
    bbh_agent_edit_set_app_allowed (edit, app);

  return g_steal_pointer (&edit);
}

static void
on_saved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AgentAgentEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 exte_id = 0;
  gboolean ok;

  if (self->agent == NULL)
    ok = bbh_client_add_extension_finish (BBH_CLIENT (object), result, &exte_id, &error);
  else
    {
      ok = bbh_client_edit_extension_finish (BBH_CLIENT (object), result, &error);
      exte_id = bbh_agent_get_id (self->agent);
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_sending (self, FALSE);
  if (!ok)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, BBH_ERROR, BBH_ERROR_EXISTS))
        message = g_strdup_printf (_("Extension %s is taken already; choose another one."),
                                   row_text (self->extension_row));
      else
        message = g_strdup_printf (_("The agent could not be saved: %s"), error->message);
      show_error (self, message);
      return;
    }

  g_signal_emit (self, signals[SIGNAL_SAVED], 0, exte_id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AgentAgentEditor *self = AGENT_AGENT_EDITOR (widget);
  g_autoptr(BbhAgentEdit) edit = NULL;
  g_autofree char *problem = NULL;

  if (!validate (self, &problem))
    {
      show_error (self, problem);
      on_extension_changed_cb (self);
      return;
    }

  edit = build_edit (self);
  if (self->agent != NULL && bbh_agent_edit_is_empty (edit))
    {
      /* nothing changed: nothing to send */
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  show_error (self, NULL);
  set_sending (self, TRUE);
  if (self->agent == NULL)
    bbh_client_add_extension_async (self->client, edit, self->cancellable, on_saved_cb,
                                    g_object_ref (self));
  else
    bbh_client_edit_extension_async (self->client, edit, self->cancellable, on_saved_cb,
                                     g_object_ref (self));
}

static void
fill_from_agent (AgentAgentEditor *self)
{
  BbhAgent *agent = self->agent;
  g_autofree char *title = NULL;

  if (agent == NULL)
    return;

  title = g_strdup_printf (_("Agent %s"), bbh_agent_get_extension (agent) ?: "");
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row),
                                 _("New Password (empty keeps the current one)"));

  gtk_editable_set_text (GTK_EDITABLE (self->extension_row), bbh_agent_get_extension (agent) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), bbh_agent_get_name (agent) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->login_name_row), bbh_agent_get_login_name (agent) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->mobile_row), bbh_agent_get_mobile (agent) ?: "");
  for (guint i = 0; i < 5; i++)
    gtk_editable_set_text (GTK_EDITABLE (self->memo_rows[i]), bbh_agent_get_memo (agent, i + 1) ?: "");
  adw_combo_row_set_selected (self->status_row,
                              position_of (status_values, G_N_ELEMENTS (status_values),
                                           bbh_agent_get_status (agent)));
  adw_combo_row_set_selected (self->login_type_row,
                              position_of (login_type_values, G_N_ELEMENTS (login_type_values),
                                           bbh_agent_get_login_type (agent)));
  gtk_spin_button_set_value (self->department_spin, MAX (bbh_agent_get_department_id (agent), 0));
  gtk_spin_button_set_value (self->shp_spin, MAX (bbh_agent_get_shp_id (agent), 0));
  gtk_spin_button_set_value (self->transfer_shp_spin, MAX (bbh_agent_get_transfer_shp_id (agent), 0));
  gtk_switch_set_active (self->forward_switch, bbh_agent_get_mobile_rule (agent) == 1);
  gtk_switch_set_active (self->record_switch, bbh_agent_get_is_record (agent) == 1);
  gtk_switch_set_active (self->app_switch, bbh_agent_get_is_app (agent) == 1);
  on_extension_changed_cb (self);
}

static void
agent_agent_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AgentAgentEditor *self = AGENT_AGENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_AGENT:
      g_value_set_object (value, self->agent);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
agent_agent_editor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AgentAgentEditor *self = AGENT_AGENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_AGENT:
      self->agent = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
agent_agent_editor_constructed (GObject *object)
{
  AgentAgentEditor *self = AGENT_AGENT_EDITOR (object);

  G_OBJECT_CLASS (agent_agent_editor_parent_class)->constructed (object);

  fill_from_agent (self);
}

static void
agent_agent_editor_dispose (GObject *object)
{
  AgentAgentEditor *self = AGENT_AGENT_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->agent);

  gtk_widget_dispose_template (GTK_WIDGET (self), AGENT_TYPE_AGENT_EDITOR);

  G_OBJECT_CLASS (agent_agent_editor_parent_class)->dispose (object);
}

static void
agent_agent_editor_class_init (AgentAgentEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = agent_agent_editor_get_property;
  object_class->set_property = agent_agent_editor_set_property;
  object_class->constructed = agent_agent_editor_constructed;
  object_class->dispose = agent_agent_editor_dispose;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, BBH_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AGENT] =
    g_param_spec_object ("agent", NULL, NULL, BBH_TYPE_AGENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AgentAgentEditor::saved:
   * @exte_id: the agent's internal id (exteId)
   *
   * The server took the agent; the editor closes.
   */
  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/babaihu/Agent/agent-agent-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, AgentAgentEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, AgentAgentEditor, spinner);
  gtk_widget_class_bind_template_child (widget_class, AgentAgentEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, AgentAgentEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, AgentAgentEditor, extension_row);
  gtk_widget_class_bind_template_child (widget_class, AgentAgentEditor, extension_hint);
  gtk_widget_class_bind_template_child (widget_class, AgentAgentEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, AgentAgentEditor, login_name_row);
  gtk_widget_class_bind_template_child (widget_class, AgentAgentEditor, password_row);
  gtk_widget_class_bind_template_child (widget_class, AgentAgentEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, AgentAgentEditor, department_spin);
  gtk_widget_class_bind_template_child (widget_class, AgentAgentEditor, login_type_row);
  gtk_widget_class_bind_template_child (widget_class, AgentAgentEditor, mobile_row);
  gtk_widget_class_bind_template_child (widget_class, AgentAgentEditor, forward_switch);
  gtk_widget_class_bind_template_child (widget_class, AgentAgentEditor, record_switch);
  gtk_widget_class_bind_template_child (widget_class, AgentAgentEditor, app_switch);
  gtk_widget_class_bind_template_child (widget_class, AgentAgentEditor, shp_spin);
  gtk_widget_class_bind_template_child (widget_class, AgentAgentEditor, transfer_shp_spin);
  gtk_widget_class_bind_template_child_full (widget_class, "memo1_row", FALSE,
                                             G_STRUCT_OFFSET (AgentAgentEditor, memo_rows[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "memo2_row", FALSE,
                                             G_STRUCT_OFFSET (AgentAgentEditor, memo_rows[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "memo3_row", FALSE,
                                             G_STRUCT_OFFSET (AgentAgentEditor, memo_rows[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "memo4_row", FALSE,
                                             G_STRUCT_OFFSET (AgentAgentEditor, memo_rows[3]));
  gtk_widget_class_bind_template_child_full (widget_class, "memo5_row", FALSE,
                                             G_STRUCT_OFFSET (AgentAgentEditor, memo_rows[4]));
  gtk_widget_class_bind_template_callback (widget_class, on_extension_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
agent_agent_editor_init (AgentAgentEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  gtk_widget_add_css_class (GTK_WIDGET (self), "agent-editor");
}

/**
 * agent_agent_editor_new:
 * @client: the administrator's client
 * @agent: (nullable): the agent to edit, or %NULL for a new one
 *
 * Returns: (transfer none): the editor; present it
 */
AgentAgentEditor *
agent_agent_editor_new (BbhClient *client,
                        BbhAgent  *agent)
{
  g_return_val_if_fail (BBH_IS_CLIENT (client), NULL);
  g_return_val_if_fail (agent == NULL || BBH_IS_AGENT (agent), NULL);

  return g_object_new (AGENT_TYPE_AGENT_EDITOR, "client", client, "agent", agent, NULL);
}

/**
 * agent_agent_editor_get_agent:
 *
 * Returns: (transfer none) (nullable): the agent being edited, %NULL for a new one
 */
BbhAgent *
agent_agent_editor_get_agent (AgentAgentEditor *self)
{
  g_return_val_if_fail (AGENT_IS_AGENT_EDITOR (self), NULL);

  return self->agent;
}
