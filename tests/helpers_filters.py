"""What the filter tests read from a filtered page: the rows listed, the counts line and a field's error."""

import re


def get_ok(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def nomination_ids(html):
    return {int(pk) for pk in re.findall(r'id="nomination-(\d+)"', html)}


def result_counts(html):
    """(total, won, nominated, not recorded) as the counts line prints them."""
    line = re.search(r'<p class="stats-line">(.*?)</p>', html).group(1)
    total = int(re.search(r"<strong>(\d+)</strong>", line).group(1))
    won, nominated, not_recorded = (
        int(re.search(rf"(\d+) {words}", line).group(1))
        for words in ["won", "nominated", "with no result recorded"]
    )
    return total, won, nominated, not_recorded


def song_slugs(html):
    """The singles table's songs, in the order shown."""
    return re.findall(r'<tr id="song-([\w-]+)"', html.split('id="singles"')[1])


def episode_links(html):
    return re.findall(r'<th scope="row"><a href="/shows/([\w-]+)/(episodes|specials)/(\d+)/"', html)


def people_slugs(html):
    listing = html.split('<ul class="list columns">')[1].split("</ul>")[0]
    return set(re.findall(r'<li><a href="/people/([\w-]+)/"', listing))


def article_slugs(html):
    return set(re.findall(r'<h3><a href="/news/([\w-]+)/"', html))


def field_error(html, name):
    """The error message printed in the same paragraph as the form field called name, or None."""
    for paragraph in re.findall(r"<p>.*?</p>", html.split('class="filters"')[1].split("</form>")[0], re.S):
        if f'name="{name}"' in paragraph:
            # The field points screen readers at its message.
            found = re.search(
                rf'<span class="error" id="id_{name}_error" role="alert">([^<]+)</span>', paragraph
            )
            assert not found or f'aria-describedby="id_{name}_error"' in paragraph
            return found.group(1) if found else None
    raise AssertionError(f"no field {name} in the filter form")
