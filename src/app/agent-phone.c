/* agent-phone.c — phone numbers as the agent types, sees and dials them
 *
 * Agents paste numbers from everywhere: "138-0013-8000", "(023) 6707 3578", "+86 138…",
 * full-width digits from a Chinese input method, "tel:" links. Before anything is sent the
 * number is reduced to what the server dials, or refused with a sentence saying why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-phone"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "agent-phone.h"

#define MIN_DIGITS 3
#define MAX_DIGITS 20

G_DEFINE_QUARK (agent-phone-error-quark, agent_phone_error)

static gboolean
is_separator (gunichar c)
{
  switch (c)
    {
    case ' ':
    case '\t':
    case '-':
    case '.':
    case '(':
    case ')':
    case '/':
    case 0x00A0:   /* no-break space */
    case 0x2010:   /* hyphen … */
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:   /* … em dash */
    case 0x3000:   /* ideographic space */
    case 0xFF08:   /* full-width ( */
    case 0xFF09:   /* full-width ) */
    case 0xFF0D:   /* full-width - */
      return TRUE;
    default:
      return FALSE;
    }
}

/* Full-width forms a Chinese input method produces: ０-９ ＋ ＊ ＃. */
static gunichar
fold_width (gunichar c)
{
  if (c >= 0xFF10 && c <= 0xFF19)
    return '0' + (c - 0xFF10);
  if (c == 0xFF0B)
    return '+';
  if (c == 0xFF0A)
    return '*';
  if (c == 0xFF03)
    return '#';
  return c;
}

/**
 * agent_phone_normalize:
 * @input: what the agent typed or pasted
 * @error: return location for an #AgentPhoneError with a sentence for the agent
 *
 * Drops separators, folds full-width digits, and turns the Chinese country code (+86, 0086)
 * into a domestic number; other international numbers keep their `+`.
 *
 * Returns: (transfer full) (nullable): the number to dial, or %NULL with @error set
 */
char *
agent_phone_normalize (const char  *input,
                       GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint digits = 0;

  if (input == NULL || !g_utf8_validate (input, -1, NULL))
    input = "";

  for (const char *p = input; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = fold_width (g_utf8_get_char (p));

      if (is_separator (c))
        continue;

      if (g_unichar_isdigit (c) && c < 0x80)
        {
          g_string_append_c (out, (char) c);
          digits++;
        }
      else if ((c == '*' || c == '#') ||
               (c == '+' && out->len == 0))
        {
          g_string_append_c (out, (char) c);
        }
      else
        {
          char utf8[8] = { 0 };

          g_unichar_to_utf8 (c, utf8);
          g_set_error (error, AGENT_PHONE_ERROR, AGENT_PHONE_ERROR_INVALID_CHARACTER,
                       /* Translators: %s is the character that is not allowed */
                       _("“%s” cannot be dialed. A phone number has only digits, and + * #."),
                       utf8);
          return NULL;
        }
    }

  if (digits == 0)
    {
      g_set_error_literal (error, AGENT_PHONE_ERROR, AGENT_PHONE_ERROR_EMPTY,
                           _("Enter a phone number."));
      return NULL;
    }

  /* +86 and 0086 are China: the server dials domestic numbers, where a landline takes the
   * trunk prefix 0 (+86 23 … is 023 …) and mobiles, 400 and 800 numbers do not. */
  if ((g_str_has_prefix (out->str, "+86") && out->len > 3) ||
      (g_str_has_prefix (out->str, "0086") && out->len > 4))
    {
      g_string_erase (out, 0, out->str[0] == '+' ? 3 : 4);
      if (out->str[0] != '0' && out->str[0] != '1' && g_ascii_isdigit (out->str[0]) &&
          !g_str_has_prefix (out->str, "400") && !g_str_has_prefix (out->str, "800"))
        g_string_prepend_c (out, '0');
    }

  digits = 0;
  for (const char *p = out->str; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      digits++;

  if (digits < MIN_DIGITS)
    {
      g_set_error (error, AGENT_PHONE_ERROR, AGENT_PHONE_ERROR_TOO_SHORT,
                   _("The number is too short: a phone number has at least %d digits."),
                   MIN_DIGITS);
      return NULL;
    }

  if (digits > MAX_DIGITS)
    {
      g_set_error (error, AGENT_PHONE_ERROR, AGENT_PHONE_ERROR_TOO_LONG,
                   _("The number is too long: a phone number has at most %d digits."),
                   MAX_DIGITS);
      return NULL;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * agent_phone_is_valid:
 * @input: (nullable): what the agent typed
 *
 * Returns: whether agent_phone_normalize() accepts @input
 */
gboolean
agent_phone_is_valid (const char *input)
{
  g_autofree char *phone = agent_phone_normalize (input, NULL);

  return phone != NULL;
}

static gboolean
all_digits (const char *s)
{
  if (s == NULL || *s == '\0')
    return FALSE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

/**
 * agent_phone_is_mobile:
 * @phone: (nullable): a normalized number
 *
 * Returns: whether @phone is a mainland Chinese mobile number (11 digits, 13x–19x)
 */
gboolean
agent_phone_is_mobile (const char *phone)
{
  return phone != NULL && strlen (phone) == 11 && all_digits (phone) &&
         phone[0] == '1' && phone[1] >= '3' && phone[1] <= '9';
}

/* Beijing 010 and the 02x cities have three-digit area codes, the rest four. */
static guint
area_code_length (const char *phone)
{
  if (phone[0] != '0')
    return 0;
  if (phone[1] == '1' || phone[1] == '2')
    return 3;
  return 4;
}

static void
append_groups (GString    *out,
               const char *digits,
               const guint *sizes,
               guint        n_sizes)
{
  for (guint i = 0; i < n_sizes && *digits != '\0'; i++)
    {
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_len (out, digits, MIN (sizes[i], strlen (digits)));
      digits += MIN (sizes[i], strlen (digits));
    }
  if (*digits != '\0')
    g_string_append (out, digits);
}

/**
 * agent_phone_format:
 * @phone: (nullable): a number, normalized or not
 *
 * Groups the digits the way they are read aloud: `138 0013 8000`, `023 6707 3578`,
 * `0755 8888 8888`, `400 800 1234`. Anything else is returned as it is.
 *
 * Returns: (transfer full): the number for display
 */
char *
agent_phone_format (const char *phone)
{
  g_autoptr(GString) out = NULL;
  gsize len;

  if (phone == NULL)
    return g_strdup ("");

  len = strlen (phone);
  if (!all_digits (phone))
    return g_strdup (phone);

  out = g_string_new (NULL);

  if (agent_phone_is_mobile (phone))
    {
      static const guint sizes[] = { 3, 4, 4 };
      append_groups (out, phone, sizes, G_N_ELEMENTS (sizes));
    }
  else if (len == 10 && (g_str_has_prefix (phone, "400") || g_str_has_prefix (phone, "800")))
    {
      static const guint sizes[] = { 3, 3, 4 };
      append_groups (out, phone, sizes, G_N_ELEMENTS (sizes));
    }
  else if (phone[0] == '0' && len >= 10 && len <= 12)
    {
      guint area = area_code_length (phone);
      guint rest = len - area;
      guint sizes[] = { area, rest == 8 ? 4 : 3, 4 };

      append_groups (out, phone, sizes, G_N_ELEMENTS (sizes));
    }
  else
    {
      g_string_append (out, phone);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * agent_phone_parse_uri:
 * @uri: a `tel:` (or `callto:`, `sip:`) URI, or a plain number
 *
 * Takes the number out of a link: `tel:+86-138-0013-8000;phone-context=…` → `13800138000`.
 * Percent-escapes are decoded; parameters after `;` and `?` are dropped.
 *
 * Returns: (transfer full) (nullable): the normalized number, or %NULL when there is none
 */
char *
agent_phone_parse_uri (const char *uri)
{
  g_autofree char *unescaped = NULL;
  const char *number = uri;
  gsize len;

  if (uri == NULL)
    return NULL;

  if (g_ascii_strncasecmp (uri, "tel:", 4) == 0)
    number = uri + 4;
  else if (g_ascii_strncasecmp (uri, "callto:", 7) == 0)
    number = uri + 7;
  else if (g_ascii_strncasecmp (uri, "sip:", 4) == 0)
    number = uri + 4;

  while (*number == '/')
    number++;

  len = strcspn (number, ";?@");
  {
    g_autofree char *part = g_strndup (number, len);

    unescaped = g_uri_unescape_string (part, NULL);
  }

  return agent_phone_normalize (unescaped, NULL);
}
