/* agent-admin-util.c — what the administrator pages share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-admin"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "agent-admin-private.h"
#include "agent-phone.h"
#include "agent-window.h"

/**
 * agent_admin_dialog_new:
 * @widget: a widget of the window the dialog belongs to
 * @heading: the dialog's heading
 * @body: (nullable): its text
 *
 * Returns: (transfer none): a modal message dialog over @widget's window, known to the
 *   application (so that it is found among its windows and closed with it)
 */
AdwMessageDialog *
agent_admin_dialog_new (GtkWidget  *widget,
                        const char *heading,
                        const char *body)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWindow *parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));
  if (parent != NULL && gtk_window_get_application (parent) != NULL)
    gtk_window_set_application (GTK_WINDOW (dialog), gtk_window_get_application (parent));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  return dialog;
}

/* A toast in @widget's main window; nothing when it is not in one (a test's bare page). */
void
agent_admin_toast (GtkWidget  *widget,
                   const char *message)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (AGENT_IS_WINDOW (root))
    agent_window_add_toast (AGENT_WINDOW (root), message);
  else
    g_message ("%s", message);
}

/* The server said the account may not do this (-5). */
gboolean
agent_admin_error_is_denied (const GError *error)
{
  return g_error_matches (error, BBH_ERROR, BBH_ERROR_PERMISSION);
}

/* Shows a failed load: the permission page for -5, the error page with the message
 * otherwise. */
void
agent_admin_show_failure (GtkStack      *stack,
                          AdwStatusPage *denied_page,
                          AdwStatusPage *error_page,
                          const GError  *error)
{
  if (agent_admin_error_is_denied (error))
    {
      adw_status_page_set_description (denied_page,
                                       _("The server says this account may not manage the "
                                         "company. Log in with a company administrator’s account."));
      gtk_stack_set_visible_child (stack, GTK_WIDGET (denied_page));
    }
  else
    {
      adw_status_page_set_description (error_page, error->message);
      gtk_stack_set_visible_child (stack, GTK_WIDGET (error_page));
    }
}

/**
 * agent_admin_normalize_phone:
 * @text: a number as typed or found in a file
 * @error: return location for a sentence saying what is wrong
 *
 * Like agent_phone_normalize(), but for numbers the server stores rather than dials:
 * digits only, an international number may keep its leading `+`.
 *
 * Returns: (transfer full) (nullable): the number
 */
char *
agent_admin_normalize_phone (const char  *text,
                             GError     **error)
{
  g_autofree char *phone = NULL;
  g_autoptr(GError) local_error = NULL;

  phone = agent_phone_normalize (text, &local_error);
  if (phone == NULL || strpbrk (phone, "*#") != NULL)
    {
      g_autofree char *shown = g_strstrip (g_strdup (text != NULL ? text : ""));

      if (g_utf8_strlen (shown, -1) > 40)
        {
          char *end = g_utf8_offset_to_pointer (shown, 40);

          *end = '\0';
        }
      if (*shown == '\0')
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                             _("The number is missing."));
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     /* Translators: %s is what was found where a phone number should be */
                     _("“%s” is not a phone number."), shown);
      return NULL;
    }
  return g_steal_pointer (&phone);
}

/**
 * agent_admin_split_phones:
 * @text: numbers, one a line or separated by commas (also the Chinese ，、；)
 * @out_invalid: (out) (optional): the parts that are not numbers, as typed
 *
 * Returns: (transfer full) (element-type utf8): the numbers, normalized, each once, in order
 */
GPtrArray *
agent_admin_split_phones (const char  *text,
                          GPtrArray  **out_invalid)
{
  g_autoptr(GPtrArray) phones = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) invalid = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) normalized = g_string_new (NULL);
  g_auto(GStrv) parts = NULL;

  /* one set of separators: the Chinese punctuation becomes a comma */
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0xFF0C || c == 0x3001 || c == 0xFF1B || c == ';' || c == '\n' || c == '\r')
        g_string_append_c (normalized, ',');
      else
        g_string_append_unichar (normalized, c);
    }

  parts = g_strsplit (normalized->str, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *part = g_strstrip (parts[i]);
      char *phone;

      if (*part == '\0')
        continue;
      phone = agent_admin_normalize_phone (part, NULL);
      if (phone == NULL)
        {
          g_ptr_array_add (invalid, g_strdup (part));
          continue;
        }
      if (g_hash_table_contains (seen, phone))
        {
          g_free (phone);
          continue;
        }
      g_ptr_array_add (phones, phone);
      g_hash_table_add (seen, phone);
    }

  if (out_invalid != NULL)
    *out_invalid = g_steal_pointer (&invalid);
  return g_steal_pointer (&phones);
}

/* 75 → "1:15", 3725 → "1:02:05" */
char *
agent_admin_format_duration (gint64 seconds)
{
  if (seconds < 0)
    seconds = 0;
  if (seconds >= 3600)
    return g_strdup_printf ("%d:%02d:%02d", (int) (seconds / 3600), (int) ((seconds / 60) % 60),
                            (int) (seconds % 60));
  return g_strdup_printf ("%d:%02d", (int) (seconds / 60), (int) (seconds % 60));
}

/* A count with the locale's digit grouping: 10000 → "10,000". */
char *
agent_admin_format_count (guint64 count)
{
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, count);
}

/* The server's "YYYY-MM-DD HH:MM:SS" (seconds optional) in the local time zone. */
GDateTime *
agent_admin_parse_local_time (const char *text)
{
  int year, month, day, hour = 0, minute = 0;
  double seconds = 0;
  int n;

  if (text == NULL)
    return NULL;
  n = sscanf (text, "%d-%d-%d %d:%d:%lf", &year, &month, &day, &hour, &minute, &seconds);
  if (n < 3)
    return NULL;
  return g_date_time_new_local (year, month, day, hour, minute, seconds);
}

static void
on_whole_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_list_item_set_child (item, label);
}

static void
on_whole_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item)
{
  GObject *string = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       GTK_IS_STRING_OBJECT (string) ? gtk_string_object_get_string (GTK_STRING_OBJECT (string)) : "");
}

/* A combo row's own list cuts its choices at 20 characters ("Work orders, dialed by…" twice):
 * this shows each choice of @row (a GtkStringList) whole, wrapped when long. */
void
agent_admin_combo_row_show_whole (AdwComboRow *row)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_whole_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_whole_bind_cb), NULL);
  adw_combo_row_set_list_factory (row, factory);
}
