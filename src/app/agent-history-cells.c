/* agent-history-cells.c — the call history's cells: formatted times, directions, durations
 * and the row buttons
 *
 * Text columns are GtkBuilderListItemFactory templates bound to BbhCallRecord's properties or
 * to the closures below; placeholders (rows whose page has not arrived) show "…" or nothing.
 * The last column holds play, call back and a menu aimed at the row's position.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-history-page"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "agent-history-page-private.h"

static char *
history_time_text (GObject       *item,
                   BbhCallRecord *record)
{
  GDateTime *start;
  g_autoptr(GDateTime) local = NULL;

  if (record == NULL || agent_paged_model_is_placeholder (record))
    return g_strdup ("…");
  start = bbh_call_record_get_start_date_time (record);
  if (start == NULL)
    return g_strdup (bbh_call_record_get_start_time (record));

  local = g_date_time_to_local (start);
  return g_date_time_format (local, "%x %R");
}

static char *
history_direction_text (GObject       *item,
                        BbhCallRecord *record)
{
  if (record == NULL || agent_paged_model_is_placeholder (record))
    return NULL;
  return g_strdup (bbh_call_direction_to_string (bbh_call_record_get_direction (record)));
}

static char *
history_direction_icon (GObject       *item,
                        BbhCallRecord *record)
{
  if (record == NULL || agent_paged_model_is_placeholder (record))
    return NULL;

  switch (bbh_call_record_get_direction (record))
    {
    case BBH_CALL_DIRECTION_IN:
    case BBH_CALL_DIRECTION_CAMPAIGN_ANSWERED:
      return g_strdup (bbh_call_record_get_talk_time (record) > 0 ? "call-incoming-symbolic"
                                                                   : "call-missed-symbolic");
    case BBH_CALL_DIRECTION_OUT:
    case BBH_CALL_DIRECTION_CAMPAIGN_OUT:
      return g_strdup ("call-outgoing-symbolic");
    case BBH_CALL_DIRECTION_VOICEMAIL:
      return g_strdup ("mail-unread-symbolic");
    case BBH_CALL_DIRECTION_UNKNOWN:
    default:
      return g_strdup ("call-start-symbolic");
    }
}

static char *
history_agent_text (GObject       *item,
                    BbhCallRecord *record)
{
  const char *name, *extension;

  if (record == NULL || agent_paged_model_is_placeholder (record))
    return NULL;

  name = bbh_call_record_get_extension_name (record);
  extension = bbh_call_record_get_extension (record);
  if (name != NULL && *name != '\0' && extension != NULL && *extension != '\0')
    /* An agent: "name (extension)" */
    return g_strdup_printf (_("%s (%s)"), name, extension);
  return g_strdup (name != NULL && *name != '\0' ? name : extension);
}

static char *
history_talk_text (GObject       *item,
                   BbhCallRecord *record)
{
  if (record == NULL || agent_paged_model_is_placeholder (record))
    return NULL;
  return agent_format_duration ((gint64) bbh_call_record_get_talk_time (record) * 1000);
}

/* A label that may shorten to @chars characters (server text), or never (times, numbers). */
#define CELL_LABEL(chars, binding) \
  "<interface><template class=\"GtkListItem\"><property name=\"child\">" \
  "<object class=\"GtkLabel\"><property name=\"xalign\">0</property>" \
  "<property name=\"ellipsize\">end</property>" \
  "<property name=\"width-chars\">" chars "</property>" \
  "<binding name=\"label\">" binding "</binding>" \
  "<binding name=\"tooltip-text\">" binding "</binding>" \
  "</object></property></template></interface>"
#define CELL_TEXT(binding) \
  "<interface><template class=\"GtkListItem\"><property name=\"child\">" \
  "<object class=\"GtkLabel\"><property name=\"xalign\">0</property>" \
  "<binding name=\"label\">" binding "</binding>" \
  "<style><class name=\"numeric\"/></style>" \
  "</object></property></template></interface>"

#define ITEM "<lookup name=\"item\">GtkListItem</lookup>"
#define PROPERTY(name) "<lookup name=\"" name "\" type=\"BbhCallRecord\">" ITEM "</lookup>"
#define CLOSURE(function) "<closure type=\"gchararray\" function=\"" function "\">" ITEM "</closure>"

static const char direction_cell[] =
  "<interface><template class=\"GtkListItem\"><property name=\"child\">"
  "<object class=\"GtkBox\"><property name=\"spacing\">6</property>"
  "<child><object class=\"GtkImage\">"
  "<binding name=\"icon-name\">" CLOSURE ("history_direction_icon") "</binding>"
  "</object></child>"
  "<child><object class=\"GtkLabel\"><property name=\"xalign\">0</property>"
  "<property name=\"ellipsize\">end</property><property name=\"width-chars\">7</property>"
  "<binding name=\"label\">" CLOSURE ("history_direction_text") "</binding>"
  "<binding name=\"tooltip-text\">" CLOSURE ("history_direction_text") "</binding>"
  "</object></child>"
  "</object></property></template></interface>";

static void
set_factory (GtkColumnViewColumn *column,
             const char          *ui)
{
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (ui, strlen (ui));
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_builder_cscope_add_callback_symbols (GTK_BUILDER_CSCOPE (scope),
                                          "history_time_text", G_CALLBACK (history_time_text),
                                          "history_direction_text", G_CALLBACK (history_direction_text),
                                          "history_direction_icon", G_CALLBACK (history_direction_icon),
                                          "history_agent_text", G_CALLBACK (history_agent_text),
                                          "history_talk_text", G_CALLBACK (history_talk_text),
                                          NULL);
  factory = gtk_builder_list_item_factory_new_from_bytes (scope, bytes);
  gtk_column_view_column_set_factory (column, factory);
}

/* The actions cell: play, call back and a menu, aimed at the row's position. */
static void
on_actions_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     AgentHistoryPage         *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *play = gtk_button_new_from_icon_name ("media-playback-start-symbolic");
  GtkWidget *call = gtk_button_new_from_icon_name ("call-start-symbolic");
  GtkWidget *more = gtk_menu_button_new ();

  gtk_widget_add_css_class (play, "flat");
  gtk_widget_add_css_class (call, "flat");
  gtk_widget_add_css_class (more, "flat");
  gtk_widget_set_tooltip_text (play, _("Play the recording"));
  gtk_widget_set_tooltip_text (call, _("Call back"));
  gtk_widget_set_tooltip_text (more, _("More"));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (more), "view-more-symbolic");

  gtk_box_append (GTK_BOX (box), play);
  gtk_box_append (GTK_BOX (box), call);
  gtk_box_append (GTK_BOX (box), more);
  gtk_list_item_set_child (list_item, box);
  gtk_list_item_set_activatable (list_item, TRUE);
}

static GMenuModel *
make_row_menu (AgentHistoryPage *self,
               guint             position,
               BbhCallRecord    *record)
{
  GMenu *menu = g_menu_new ();
  GMenu *section = g_menu_new ();
  GVariant *target;
  g_autoptr(GMenuItem) item = NULL;

#define ADD(menu, label, action) \
  G_STMT_START { \
    target = g_variant_new_uint32 (position); \
    g_clear_object (&item); \
    item = g_menu_item_new (label, NULL); \
    g_menu_item_set_action_and_target_value (item, action, target); \
    g_menu_append_item (menu, item); \
  } G_STMT_END

  ADD (menu, _("_Open Customer"), "history.open-customer");
  ADD (menu, _("Add _Memo…"), "history.memo");
  if (bbh_call_record_has_recording (record))
    ADD (menu, _("_Download Recording…"), "history.download");
  if (agent_history_page_is_admin (self))
    {
      ADD (section, _("_Block Number…"), "history.block");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
    }
#undef ADD

  g_object_unref (section);
  return G_MENU_MODEL (menu);
}

static void
on_actions_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    AgentHistoryPage         *self)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *play = gtk_widget_get_first_child (box);
  GtkWidget *call = gtk_widget_get_next_sibling (play);
  GtkWidget *more = gtk_widget_get_next_sibling (call);
  BbhCallRecord *record = gtk_list_item_get_item (list_item);
  guint position = gtk_list_item_get_position (list_item);
  gboolean real = record != NULL && !agent_paged_model_is_placeholder (record);
  g_autoptr(GMenuModel) menu = NULL;

  gtk_widget_set_visible (box, real);
  if (!real)
    return;

  /* The target first: an action with a parameter must never see a button without one. */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (call), g_variant_new_uint32 (position));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (call), "history.call");
  /* The action would make the button sensitive again: a call without a recording gets none. */
  if (bbh_call_record_has_recording (record))
    {
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (play), g_variant_new_uint32 (position));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (play), "history.play");
    }
  else
    gtk_actionable_set_action_name (GTK_ACTIONABLE (play), NULL);
  gtk_widget_set_sensitive (play, bbh_call_record_has_recording (record));
  gtk_widget_set_tooltip_text (play, bbh_call_record_has_recording (record)
                                     ? _("Play the recording")
                                     : _("This call has no recording"));
  menu = make_row_menu (self, position, record);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (more), menu);
}

/**
 * agent_history_page_setup_columns:
 * @self: the page
 *
 * Gives every column of the call list its cell factory.
 */
void
agent_history_page_setup_columns (AgentHistoryPage *self)
{
  g_autoptr(GtkListItemFactory) actions = gtk_signal_list_item_factory_new ();

  set_factory (self->time_column, CELL_TEXT (CLOSURE ("history_time_text")));
  set_factory (self->direction_column, direction_cell);
  set_factory (self->number_column, CELL_TEXT (PROPERTY ("phone")));
  set_factory (self->customer_column, CELL_LABEL ("6", PROPERTY ("called-name")));
  set_factory (self->agent_column, CELL_LABEL ("8", CLOSURE ("history_agent_text")));
  set_factory (self->talk_column, CELL_TEXT (CLOSURE ("history_talk_text")));
  set_factory (self->reason_column, CELL_LABEL ("6", PROPERTY ("hangup-reason-text")));
  set_factory (self->ivr_column, CELL_TEXT (PROPERTY ("ivr-key")));

  g_signal_connect_object (actions, "setup", G_CALLBACK (on_actions_setup_cb), self, 0);
  g_signal_connect_object (actions, "bind", G_CALLBACK (on_actions_bind_cb), self, 0);
  gtk_column_view_column_set_factory (self->actions_column, actions);
}
