/* agent-phone-row.c — one phone number of a customer being edited: number, type, contact
 *
 * The type is one of the company's phone types (getCodes cpType); a type the record already
 * has but the list lacks is kept as a choice of its own, so that editing another field never
 * changes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-phone-row"

#include "config.h"

#include <glib/gi18n.h>

#include "bbh.h"

#include "agent-phone-row.h"

struct _AgentPhoneRow
{
  GtkListBoxRow parent_instance;

  /* Template widgets */
  GtkEntry      *phone_entry;
  GtkDropDown   *type_dropdown;
  GtkStringList *type_list;
  GtkEntry      *link_man_entry;

  /* Owned */
  GPtrArray     *type_values;   /* char *, parallel to type_list; NULL = no type */
  GListModel    *codes;
};

G_DEFINE_FINAL_TYPE (AgentPhoneRow, agent_phone_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  SIGNAL_REMOVE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
fill_types (AgentPhoneRow *self,
            const char    *keep)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  guint selected = 0;
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->type_list));

  g_ptr_array_set_size (self->type_values, 0);
  g_ptr_array_add (self->type_values, NULL);
  g_ptr_array_add (texts, (gpointer) _("No type"));

  if (self->codes != NULL)
    for (guint i = 0; i < g_list_model_get_n_items (self->codes); i++)
      {
        g_autoptr(BbhCode) code = g_list_model_get_item (self->codes, i);
        const char *value = bbh_code_get_value (code);
        const char *text = bbh_code_get_text (code);

        if (value == NULL || *value == '\0')
          continue;
        if (g_strcmp0 (value, keep) == 0)
          selected = self->type_values->len;
        g_ptr_array_add (self->type_values, g_strdup (value));
        g_ptr_array_add (texts, (gpointer) (text != NULL && *text != '\0' ? text : value));
      }

  if (keep != NULL && *keep != '\0' && selected == 0)
    {
      selected = self->type_values->len;
      g_ptr_array_add (self->type_values, g_strdup (keep));
      g_ptr_array_add (texts, (gpointer) keep);
    }

  g_ptr_array_add (texts, NULL);
  gtk_string_list_splice (self->type_list, 0, n_old, (const char * const *) texts->pdata);
  gtk_drop_down_set_selected (self->type_dropdown, selected);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_REMOVE_REQUESTED], 0);
}

static void
on_codes_changed_cb (AgentPhoneRow *self)
{
  g_autofree char *type = agent_phone_row_dup_phone_type (self);

  fill_types (self, type);
}

static void
agent_phone_row_dispose (GObject *object)
{
  AgentPhoneRow *self = AGENT_PHONE_ROW (object);

  if (self->codes != NULL)
    g_signal_handlers_disconnect_by_func (self->codes, on_codes_changed_cb, self);
  g_clear_object (&self->codes);
  gtk_widget_dispose_template (GTK_WIDGET (self), AGENT_TYPE_PHONE_ROW);

  G_OBJECT_CLASS (agent_phone_row_parent_class)->dispose (object);
}

static void
agent_phone_row_finalize (GObject *object)
{
  AgentPhoneRow *self = AGENT_PHONE_ROW (object);

  g_clear_pointer (&self->type_values, g_ptr_array_unref);

  G_OBJECT_CLASS (agent_phone_row_parent_class)->finalize (object);
}

static void
agent_phone_row_class_init (AgentPhoneRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = agent_phone_row_dispose;
  object_class->finalize = agent_phone_row_finalize;

  /**
   * AgentPhoneRow::remove-requested:
   * @self: the row
   *
   * The person asked to remove this number from the customer.
   */
  signals[SIGNAL_REMOVE_REQUESTED] =
    g_signal_new ("remove-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/babaihu/Agent/agent-phone-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AgentPhoneRow, phone_entry);
  gtk_widget_class_bind_template_child (widget_class, AgentPhoneRow, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AgentPhoneRow, type_list);
  gtk_widget_class_bind_template_child (widget_class, AgentPhoneRow, link_man_entry);

  gtk_widget_class_install_action (widget_class, "phone-row.remove", NULL, remove_action);
}

static void
agent_phone_row_init (AgentPhoneRow *self)
{
  static GtkSizeGroup *types_group;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Every row's type list as wide as the widest, so the numbers and the contacts of all rows
   * line up in columns whatever type each row has chosen. */
  if (types_group == NULL)
    types_group = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  gtk_size_group_add_widget (types_group, GTK_WIDGET (self->type_dropdown));

  self->type_values = g_ptr_array_new_with_free_func (g_free);
  fill_types (self, NULL);
}

GtkWidget *
agent_phone_row_new (void)
{
  return g_object_new (AGENT_TYPE_PHONE_ROW, NULL);
}

/**
 * agent_phone_row_dup_phone:
 *
 * Returns: (transfer full): the number as typed, without surrounding blanks
 */
char *
agent_phone_row_dup_phone (AgentPhoneRow *self)
{
  g_return_val_if_fail (AGENT_IS_PHONE_ROW (self), NULL);

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->phone_entry))));
}

void
agent_phone_row_set_phone (AgentPhoneRow *self,
                           const char    *phone)
{
  g_return_if_fail (AGENT_IS_PHONE_ROW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->phone_entry), phone != NULL ? phone : "");
}

/**
 * agent_phone_row_dup_phone_type:
 *
 * Returns: (transfer full) (nullable): the chosen type's value, %NULL for none
 */
char *
agent_phone_row_dup_phone_type (AgentPhoneRow *self)
{
  guint selected;

  g_return_val_if_fail (AGENT_IS_PHONE_ROW (self), NULL);

  selected = gtk_drop_down_get_selected (self->type_dropdown);
  if (selected >= self->type_values->len)
    return NULL;
  return g_strdup (g_ptr_array_index (self->type_values, selected));
}

void
agent_phone_row_set_phone_type (AgentPhoneRow *self,
                                const char    *phone_type)
{
  g_return_if_fail (AGENT_IS_PHONE_ROW (self));

  fill_types (self, phone_type);
}

/**
 * agent_phone_row_dup_link_man:
 *
 * Returns: (transfer full): the contact as typed, without surrounding blanks
 */
char *
agent_phone_row_dup_link_man (AgentPhoneRow *self)
{
  g_return_val_if_fail (AGENT_IS_PHONE_ROW (self), NULL);

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->link_man_entry))));
}

void
agent_phone_row_set_link_man (AgentPhoneRow *self,
                              const char    *link_man)
{
  g_return_if_fail (AGENT_IS_PHONE_ROW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->link_man_entry), link_man != NULL ? link_man : "");
}

/**
 * agent_phone_row_set_types:
 * @self: the row
 * @codes: (nullable): a #GListModel of #BbhCode, the company's phone types; followed as it
 *   changes
 */
void
agent_phone_row_set_types (AgentPhoneRow *self,
                           GListModel    *codes)
{
  g_autofree char *type = NULL;

  g_return_if_fail (AGENT_IS_PHONE_ROW (self));

  type = agent_phone_row_dup_phone_type (self);
  if (self->codes != NULL)
    g_signal_handlers_disconnect_by_func (self->codes, on_codes_changed_cb, self);
  g_set_object (&self->codes, codes);
  if (codes != NULL)
    g_signal_connect_swapped (codes, "items-changed", G_CALLBACK (on_codes_changed_cb), self);
  fill_types (self, type);
}

/**
 * agent_phone_row_set_error:
 *
 * Marks the number as the one that cannot be saved.
 */
void
agent_phone_row_set_error (AgentPhoneRow *self,
                           gboolean       error)
{
  g_return_if_fail (AGENT_IS_PHONE_ROW (self));

  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->phone_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->phone_entry), "error");
}

/**
 * agent_phone_row_is_empty:
 *
 * Returns: whether neither a number nor a contact was typed (such a row is not saved)
 */
gboolean
agent_phone_row_is_empty (AgentPhoneRow *self)
{
  g_autofree char *phone = NULL;
  g_autofree char *link_man = NULL;

  g_return_val_if_fail (AGENT_IS_PHONE_ROW (self), TRUE);

  phone = agent_phone_row_dup_phone (self);
  link_man = agent_phone_row_dup_link_man (self);
  return *phone == '\0' && *link_man == '\0';
}
