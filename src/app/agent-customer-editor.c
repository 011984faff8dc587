/* agent-customer-editor.c — create or change a customer record
 *
 * Every field of the document's savecustomer table, labelled the way the company names them
 * (getTableFields), with the company's choice lists (getCodes) for status, type, source, sex
 * and phone type, and any number of numbers. The text fields are bound to a BbhCustomerEdit;
 * Save checks it (bbh_customer_edit_validate) and says what to fix before anything is queued,
 * then commits it to the outbox, which sends it — now, or when the server is back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-customer-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "agent-customer-editor.h"
#include "agent-customer-fields.h"
#include "agent-phone.h"
#include "agent-phone-row.h"
#include "agent-popup-manager.h"

typedef struct
{
  AdwComboRow *row;
  const char  *property;    /* on BbhCustomerEdit */
  const char  *code_type;
  GPtrArray   *values;      /* char *, parallel to the row's model; NULL = not set */
} Choice;

enum {
  CHOICE_STATUS,
  CHOICE_TYPE,
  CHOICE_SOURCE,
  CHOICE_SEX,
  N_CHOICES
};

struct _AgentCustomerEditor
{
  AdwWindow parent_instance;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkWidget      *save_button;
  GtkRevealer    *error_revealer;
  GtkLabel       *error_label;
  AdwPreferencesGroup *contact_group;
  AdwPreferencesGroup *phones_group;
  GtkListBox     *phone_list;
  AdwEntryRow    *name_row;
  AdwEntryRow    *corp_row;
  AdwComboRow    *status_row;
  AdwComboRow    *type_row;
  AdwComboRow    *source_row;
  AdwComboRow    *sex_row;
  AdwEntryRow    *age_row;
  AdwComboRow    *birthday_type_row;
  AdwEntryRow    *birthday_row;
  AdwEntryRow    *qq_row;
  AdwEntryRow    *area_row;
  AdwEntryRow    *address_row;
  AdwEntryRow    *memo_row;
  AdwEntryRow    *other1_row;
  AdwEntryRow    *other2_row;
  AdwEntryRow    *other3_row;

  /* Owned */
  AgentSession        *session;
  AgentOutbox         *outbox;
  AgentCustomerFields *fields;
  BbhCustomerEdit     *edit;
  GPtrArray           *phone_rows;   /* AgentPhoneRow, in order */
  char                *error;
  Choice               choices[N_CHOICES];

  guint                saving : 1;
};

G_DEFINE_FINAL_TYPE (AgentCustomerEditor, agent_customer_editor, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The text fields: template child, BbhCustomerEdit property, the field's wire name. */
static const struct
{
  gsize       offset;
  const char *property;
  const char *member;
} text_fields[] = {
  { G_STRUCT_OFFSET (AgentCustomerEditor, name_row), "name", "custName" },
  { G_STRUCT_OFFSET (AgentCustomerEditor, corp_row), "corp-name", "custCorpName" },
  { G_STRUCT_OFFSET (AgentCustomerEditor, age_row), "age", "custAge" },
  { G_STRUCT_OFFSET (AgentCustomerEditor, birthday_row), "birthday", "custBirthday" },
  { G_STRUCT_OFFSET (AgentCustomerEditor, qq_row), "qq", "custQQ" },
  { G_STRUCT_OFFSET (AgentCustomerEditor, area_row), "area", "custArea" },
  { G_STRUCT_OFFSET (AgentCustomerEditor, address_row), "address", "custAddr" },
  { G_STRUCT_OFFSET (AgentCustomerEditor, memo_row), "memo", "custMemo" },
  { G_STRUCT_OFFSET (AgentCustomerEditor, other1_row), "other1", "custOther1" },
  { G_STRUCT_OFFSET (AgentCustomerEditor, other2_row), "other2", "custOther2" },
  { G_STRUCT_OFFSET (AgentCustomerEditor, other3_row), "other3", "custOther3" },
};

#define TEXT_ROW(self, i) (*(AdwEntryRow **) G_STRUCT_MEMBER_P ((self), text_fields[i].offset))

static const char * const choice_members[N_CHOICES] = {
  "custStatus", "custType", "custSource", "custSex",
};

/* ---- labels and choices ---- */

static void
set_row_title (AgentCustomerEditor *self,
               gpointer             row,
               const char          *member)
{
  g_autofree char *label = agent_customer_fields_dup_label (self->fields, member);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
}

static void
fill_choice (AgentCustomerEditor *self,
             Choice              *choice,
             const char          *keep)
{
  GtkStringList *list = GTK_STRING_LIST (adw_combo_row_get_model (choice->row));
  GListModel *codes = agent_customer_fields_get_codes (self->fields, choice->code_type);
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (list));
  guint selected = 0;

  g_ptr_array_set_size (choice->values, 0);
  g_ptr_array_add (choice->values, NULL);
  g_ptr_array_add (texts, (gpointer) _("Not set"));

  for (guint i = 0; i < g_list_model_get_n_items (codes); i++)
    {
      g_autoptr(BbhCode) code = g_list_model_get_item (codes, i);
      const char *value = bbh_code_get_value (code);
      const char *text = bbh_code_get_text (code);

      if (value == NULL || *value == '\0')
        continue;
      if (g_strcmp0 (value, keep) == 0)
        selected = choice->values->len;
      g_ptr_array_add (choice->values, g_strdup (value));
      g_ptr_array_add (texts, (gpointer) (text != NULL && *text != '\0' ? text : value));
    }

  /* A value the company's list lacks stays what it is. */
  if (keep != NULL && *keep != '\0' && selected == 0)
    {
      selected = choice->values->len;
      g_ptr_array_add (choice->values, g_strdup (keep));
      g_ptr_array_add (texts, (gpointer) keep);
    }

  g_ptr_array_add (texts, NULL);
  gtk_string_list_splice (list, 0, n_old, (const char * const *) texts->pdata);
  adw_combo_row_set_selected (choice->row, selected);
}

static const char *
choice_get_value (Choice *choice)
{
  guint selected = adw_combo_row_get_selected (choice->row);

  if (selected >= choice->values->len)
    return NULL;
  return g_ptr_array_index (choice->values, selected);
}

static void
update_labels (AgentCustomerEditor *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    set_row_title (self, TEXT_ROW (self, i), text_fields[i].member);
  for (guint i = 0; i < N_CHOICES; i++)
    {
      g_autofree char *keep = g_strdup (choice_get_value (&self->choices[i]));

      set_row_title (self, self->choices[i].row, choice_members[i]);
      fill_choice (self, &self->choices[i], keep);
    }
  set_row_title (self, self->birthday_type_row, "custBirthdayType");
}

/* ---- phones ---- */

static void
on_remove_phone_cb (AgentCustomerEditor *self,
                    AgentPhoneRow       *row)
{
  g_ptr_array_remove (self->phone_rows, row);
  gtk_list_box_remove (self->phone_list, GTK_WIDGET (row));
}

static AgentPhoneRow *
add_phone_row (AgentCustomerEditor *self,
               const char          *phone,
               const char          *phone_type,
               const char          *link_man)
{
  AgentPhoneRow *row = AGENT_PHONE_ROW (agent_phone_row_new ());

  agent_phone_row_set_types (row, agent_customer_fields_get_codes (self->fields,
                                                                   AGENT_CODES_PHONE_TYPE));
  agent_phone_row_set_phone (row, phone);
  agent_phone_row_set_phone_type (row, phone_type);
  agent_phone_row_set_link_man (row, link_man);
  g_signal_connect_object (row, "remove-requested", G_CALLBACK (on_remove_phone_cb), self,
                           G_CONNECT_SWAPPED);
  g_ptr_array_add (self->phone_rows, row);
  gtk_list_box_append (self->phone_list, GTK_WIDGET (row));
  return row;
}

static void
add_phone_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AgentCustomerEditor *self = AGENT_CUSTOMER_EDITOR (widget);
  AgentPhoneRow *row = add_phone_row (self, NULL, NULL, NULL);

  gtk_widget_grab_focus (GTK_WIDGET (row));
  gtk_widget_child_focus (GTK_WIDGET (row), GTK_DIR_TAB_FORWARD);
}

/* ---- bindings between the form and the record ---- */

static gboolean
null_to_empty_cb (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  const char *text = g_value_get_string (from);

  g_value_set_string (to, text != NULL ? text : "");
  return TRUE;
}

static void
bind_fields (AgentCustomerEditor *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    g_object_bind_property_full (self->edit, text_fields[i].property,
                                 TEXT_ROW (self, i), "text",
                                 G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                                 null_to_empty_cb, NULL, NULL, NULL);

  for (guint i = 0; i < N_CHOICES; i++)
    {
      g_autofree char *value = NULL;

      g_object_get (self->edit, self->choices[i].property, &value, NULL);
      fill_choice (self, &self->choices[i], value);
    }

  adw_combo_row_set_selected (self->birthday_type_row,
                              CLAMP (bbh_customer_edit_get_birthday_type (self->edit), 0, 2));

  for (guint i = 0; i < bbh_customer_edit_get_n_phones (self->edit); i++)
    add_phone_row (self,
                   bbh_customer_edit_get_phone (self->edit, i),
                   bbh_customer_edit_get_phone_type (self->edit, i),
                   bbh_customer_edit_get_phone_link_man (self->edit, i));
  if (self->phone_rows->len == 0)
    add_phone_row (self, NULL, NULL, NULL);
}

/* What bindings do not carry: the choices and the numbers. */
static void
collect (AgentCustomerEditor *self)
{
  for (guint i = 0; i < N_CHOICES; i++)
    {
      const char *value = choice_get_value (&self->choices[i]);

      g_object_set (self->edit, self->choices[i].property, value != NULL ? value : "", NULL);
    }

  bbh_customer_edit_set_birthday_type (self->edit,
                                       (int) adw_combo_row_get_selected (self->birthday_type_row));

  bbh_customer_edit_clear_phones (self->edit);
  for (guint i = 0; i < self->phone_rows->len; i++)
    {
      AgentPhoneRow *row = g_ptr_array_index (self->phone_rows, i);
      g_autofree char *phone = NULL;
      g_autofree char *type = NULL;
      g_autofree char *link_man = NULL;

      if (agent_phone_row_is_empty (row))
        continue;

      phone = agent_phone_row_dup_phone (row);
      type = agent_phone_row_dup_phone_type (row);
      link_man = agent_phone_row_dup_link_man (row);
      bbh_customer_edit_add_phone (self->edit, phone, type, *link_man != '\0' ? link_man : NULL);
    }
}

/* ---- saving ---- */

static void
show_error (AgentCustomerEditor *self,
            const char          *message)
{
  g_free (self->error);
  self->error = g_strdup (message);

  if (message != NULL)
    gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static void
clear_marks (AgentCustomerEditor *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->birthday_row), "error");
  for (guint i = 0; i < self->phone_rows->len; i++)
    agent_phone_row_set_error (g_ptr_array_index (self->phone_rows, i), FALSE);
}

/* Points at what the message is about. */
static void
mark_invalid (AgentCustomerEditor *self)
{
  const char *birthday = bbh_customer_edit_get_birthday (self->edit);
  gboolean marked = FALSE;

  for (guint i = 0; i < self->phone_rows->len; i++)
    {
      AgentPhoneRow *row = g_ptr_array_index (self->phone_rows, i);
      g_autofree char *phone = agent_phone_row_dup_phone (row);

      if (!agent_phone_row_is_empty (row) && !agent_phone_is_valid (phone))
        {
          agent_phone_row_set_error (row, TRUE);
          if (!marked)
            gtk_widget_grab_focus (GTK_WIDGET (row));
          marked = TRUE;
        }
    }

  if (!marked && birthday != NULL && *birthday != '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->birthday_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->birthday_row));
    }
}

static AgentOutbox *
find_outbox (AgentCustomerEditor *self)
{
  GApplication *application;
  AgentPopupManager *manager;

  if (self->outbox != NULL)
    return self->outbox;

  application = g_application_get_default ();
  if (!GTK_IS_APPLICATION (application))
    return NULL;
  manager = agent_popup_manager_get_for_application (GTK_APPLICATION (application));
  return manager != NULL ? agent_popup_manager_get_outbox (manager) : NULL;
}

static void
set_saving (AgentCustomerEditor *self,
            gboolean             saving)
{
  self->saving = saving;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", !saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.add-phone", !saving);
}

static void
on_queued_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AgentCustomerEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = agent_outbox_add_finish (AGENT_OUTBOX (object), result, &error);
  set_saving (self, FALSE);
  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The customer could not be saved: %s"),
                                                  error->message);

      show_error (self, message);
      return;
    }

  g_signal_emit (self, signals[SIGNAL_SAVED], 0, self->edit, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  agent_customer_editor_save (AGENT_CUSTOMER_EDITOR (widget));
}

/* ---- GObject ---- */

static void
agent_customer_editor_dispose (GObject *object)
{
  AgentCustomerEditor *self = AGENT_CUSTOMER_EDITOR (object);

  if (self->fields != NULL)
    g_signal_handlers_disconnect_by_func (self->fields, update_labels, self);
  g_clear_object (&self->fields);
  g_clear_object (&self->outbox);
  g_clear_object (&self->session);
  g_clear_pointer (&self->phone_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), AGENT_TYPE_CUSTOMER_EDITOR);

  G_OBJECT_CLASS (agent_customer_editor_parent_class)->dispose (object);
}

static void
agent_customer_editor_finalize (GObject *object)
{
  AgentCustomerEditor *self = AGENT_CUSTOMER_EDITOR (object);

  g_clear_object (&self->edit);
  g_free (self->error);
  for (guint i = 0; i < N_CHOICES; i++)
    g_clear_pointer (&self->choices[i].values, g_ptr_array_unref);

  G_OBJECT_CLASS (agent_customer_editor_parent_class)->finalize (object);
}

static void
agent_customer_editor_class_init (AgentCustomerEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = agent_customer_editor_dispose;
  object_class->finalize = agent_customer_editor_finalize;

  /**
   * AgentCustomerEditor::saved:
   * @self: the editor
   * @edit: the record as saved
   * @entry_id: the outbox entry that will send it
   *
   * The record is committed to the outbox; the editor closes right after.
   */
  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, BBH_TYPE_CUSTOMER_EDIT, G_TYPE_INT64);

  g_type_ensure (AGENT_TYPE_PHONE_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/babaihu/Agent/agent-customer-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerEditor, contact_group);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerEditor, phones_group);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerEditor, phone_list);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerEditor, corp_row);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerEditor, type_row);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerEditor, source_row);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerEditor, sex_row);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerEditor, age_row);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerEditor, birthday_type_row);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerEditor, birthday_row);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerEditor, qq_row);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerEditor, area_row);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerEditor, address_row);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerEditor, memo_row);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerEditor, other1_row);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerEditor, other2_row);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerEditor, other3_row);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.add-phone", NULL, add_phone_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
}

static void
agent_customer_editor_init (AgentCustomerEditor *self)
{
  const char *birthday_types[] = {
    /* Translators: the customer's birthday is not recorded in any calendar */
    _("None"),
    /* Translators: the birthday is a date of the Gregorian calendar (阳历) */
    _("Solar calendar"),
    /* Translators: the birthday is a date of the Chinese lunar calendar (阴历) */
    _("Lunar calendar"),
    NULL
  };
  g_autoptr(GtkStringList) birthday_list = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->phone_rows = g_ptr_array_new ();

  self->choices[CHOICE_STATUS] = (Choice) { self->status_row, "status", AGENT_CODES_STATUS, NULL };
  self->choices[CHOICE_TYPE] = (Choice) { self->type_row, "customer-type", AGENT_CODES_TYPE, NULL };
  self->choices[CHOICE_SOURCE] = (Choice) { self->source_row, "source", AGENT_CODES_SOURCE, NULL };
  self->choices[CHOICE_SEX] = (Choice) { self->sex_row, "sex", AGENT_CODES_SEX, NULL };
  for (guint i = 0; i < N_CHOICES; i++)
    self->choices[i].values = g_ptr_array_new_with_free_func (g_free);

  birthday_list = gtk_string_list_new (birthday_types);
  adw_combo_row_set_model (self->birthday_type_row, G_LIST_MODEL (birthday_list));
  gtk_editable_set_alignment (GTK_EDITABLE (self->birthday_row), 0);

  {
    GtkWidget *placeholder = gtk_label_new (_("No numbers. A customer needs at least one."));

    gtk_widget_add_css_class (placeholder, "dim-label");
    gtk_widget_set_margin_top (placeholder, 12);
    gtk_widget_set_margin_bottom (placeholder, 12);
    gtk_list_box_set_placeholder (self->phone_list, placeholder);
  }
}

static AgentCustomerEditor *
editor_new (AgentSession    *session,
            BbhCustomerEdit *edit)
{
  AgentCustomerEditor *self = g_object_new (AGENT_TYPE_CUSTOMER_EDITOR, NULL);
  BbhClient *client = agent_session_get_client (session);

  self->session = g_object_ref (session);
  self->edit = edit;

  /* Without a client (logged out meanwhile) the built-in labels and no choices are shown. */
  if (client != NULL)
    self->fields = g_object_ref (agent_customer_fields_get_for_client (client));
  else
    self->fields = g_object_new (AGENT_TYPE_CUSTOMER_FIELDS, NULL);
  g_signal_connect_object (self->fields, "notify::loaded", G_CALLBACK (update_labels), self,
                           G_CONNECT_SWAPPED);

  update_labels (self);
  bind_fields (self);

  if (bbh_customer_edit_get_id (edit) > 0)
    {
      adw_window_title_set_title (self->window_title, _("Edit Customer"));
      adw_window_title_set_subtitle (self->window_title, bbh_customer_edit_get_name (edit));
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Customer"));
    }
  else
    {
      adw_window_title_set_title (self->window_title, _("New Customer"));
      gtk_window_set_title (GTK_WINDOW (self), _("New Customer"));
    }

  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  return self;
}

/**
 * agent_customer_editor_new_for_phone:
 * @session: the logged-in session
 * @phone: (nullable): the new customer's first number
 *
 * An editor for a new customer, its first number filled in (e.g. the caller's). Make it
 * transient for a window and present it.
 *
 * Returns: (transfer none): the editor, a toplevel window
 */
AgentCustomerEditor *
agent_customer_editor_new_for_phone (AgentSession *session,
                                     const char   *phone)
{
  BbhCustomerEdit *edit;

  g_return_val_if_fail (AGENT_IS_SESSION (session), NULL);

  edit = bbh_customer_edit_new ();
  if (phone != NULL && *phone != '\0')
    bbh_customer_edit_add_phone (edit, phone, NULL, NULL);
  return editor_new (session, edit);
}

/**
 * agent_customer_editor_new_for_customer:
 * @session: the logged-in session
 * @customer: the customer to change
 *
 * An editor for @customer's record. Make it transient for a window and present it.
 *
 * Returns: (transfer none): the editor, a toplevel window
 */
AgentCustomerEditor *
agent_customer_editor_new_for_customer (AgentSession *session,
                                        BbhCustomer  *customer)
{
  g_return_val_if_fail (AGENT_IS_SESSION (session), NULL);
  g_return_val_if_fail (BBH_IS_CUSTOMER (customer), NULL);

  return editor_new (session, bbh_customer_edit_new_from_customer (customer));
}

/**
 * agent_customer_editor_set_outbox:
 * @self: the editor
 * @outbox: (nullable): where to queue the record; %NULL uses the application's
 */
void
agent_customer_editor_set_outbox (AgentCustomerEditor *self,
                                  AgentOutbox         *outbox)
{
  g_return_if_fail (AGENT_IS_CUSTOMER_EDITOR (self));

  g_set_object (&self->outbox, outbox);
}

/**
 * agent_customer_editor_get_edit:
 *
 * Returns: (transfer none): the record the form edits
 */
BbhCustomerEdit *
agent_customer_editor_get_edit (AgentCustomerEditor *self)
{
  g_return_val_if_fail (AGENT_IS_CUSTOMER_EDITOR (self), NULL);

  return self->edit;
}

/**
 * agent_customer_editor_get_error:
 *
 * Returns: (nullable): what the form says is wrong, if anything
 */
const char *
agent_customer_editor_get_error (AgentCustomerEditor *self)
{
  g_return_val_if_fail (AGENT_IS_CUSTOMER_EDITOR (self), NULL);

  return self->error;
}

/**
 * agent_customer_editor_save:
 * @self: the editor
 *
 * What the Save button does: checks the record, says what to fix, or queues it in the outbox
 * and closes once it is committed (#AgentCustomerEditor::saved).
 *
 * Returns: %TRUE when the record was valid and is being queued
 */
gboolean
agent_customer_editor_save (AgentCustomerEditor *self)
{
  g_autoptr(GError) error = NULL;
  AgentOutbox *outbox;

  g_return_val_if_fail (AGENT_IS_CUSTOMER_EDITOR (self), FALSE);

  if (self->saving)
    return FALSE;

  clear_marks (self);
  collect (self);

  if (!bbh_customer_edit_validate (self->edit, &error))
    {
      show_error (self, error->message);
      mark_invalid (self);
      return FALSE;
    }

  outbox = find_outbox (self);
  if (outbox == NULL)
    {
      show_error (self, _("Changes cannot be saved yet: the local queue is still opening. "
                          "Try again in a moment."));
      return FALSE;
    }

  show_error (self, NULL);
  set_saving (self, TRUE);
  agent_outbox_add_customer_edit_async (outbox, self->edit, NULL, on_queued_cb,
                                        g_object_ref (self));
  return TRUE;
}
